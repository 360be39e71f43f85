/**
 * A single listing as whoever may see it reads it (GET /listings/{id}): the catalogue's summary, everything the seller
 * wrote, and the documents the caller may read, composed from the catalogue's and the documents' read models.
 */
package io.techex.listing.details;

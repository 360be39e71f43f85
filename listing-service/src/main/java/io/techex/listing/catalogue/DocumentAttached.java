package io.techex.listing.catalogue;

/** Internal: documents are read through listing-service, not by other services. */
public record DocumentAttached(String listingId, ListingDocument document) {
}

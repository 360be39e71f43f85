/**
 * What listing-service publishes for the rest of the exchange: its public events (CloudEvents on
 * {@code techex.listing.events}, schemas in the contracts folder) and the value types they carry.
 */
package io.techex.listing.api;

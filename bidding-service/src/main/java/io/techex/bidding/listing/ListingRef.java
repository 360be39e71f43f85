package io.techex.bidding.listing;

/** Bidding's view of {@code ListingWithdrawn.v1} and {@code ListingTransferred.v1}: only which listing closed. */
record ListingRef(String listingId) {
}

package io.techex.listing.catalogue;

/** Internal, as {@link DocumentAttached}. */
public record DocumentRemoved(String listingId, String documentId) {
}

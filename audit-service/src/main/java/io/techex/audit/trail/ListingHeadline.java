package io.techex.audit.trail;

/**
 * Audit's own view of listing-service's {@code ListingDrafted.v1} and {@code ListingDraftRevised.v1}: only what the
 * trail shows about the asset. Written against the contract, not listing-service's classes.
 */
record ListingHeadline(String listingId, Title title) {

    record Title(String vi, String en) {
    }
}

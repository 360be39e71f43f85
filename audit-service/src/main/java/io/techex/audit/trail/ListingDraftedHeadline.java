package io.techex.audit.trail;

/** Audit's view of {@code ListingDrafted.v1}: the asset's seller and title. */
record ListingDraftedHeadline(String listingId, String sellerOrganisationId, ListingHeadline.Title title) {
}

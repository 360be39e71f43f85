package io.techex.listing.disclosure;

/**
 * Internal: a request is between the firm and the seller until the seller accepts it
 * ({@link io.techex.listing.api.NdaAccepted}).
 */
public record NdaRequested(String ndaId, String listingId, String sellerOrganisationId, String firmOrganisationId,
                           String message) {
}

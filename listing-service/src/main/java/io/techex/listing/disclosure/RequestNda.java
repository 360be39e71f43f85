package io.techex.listing.disclosure;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A firm asks the seller of a listing to let it see the confidential part under a non-disclosure agreement.
 *
 * @param sellerOrganisationId the listing's seller as the catalogue knows it; the one who may accept
 * @param message              optional, at most {@value Nda#MAX_TEXT} characters
 */
public record RequestNda(@TargetAggregateIdentifier String ndaId, String listingId, String sellerOrganisationId,
                         String firmOrganisationId, String message) {
}

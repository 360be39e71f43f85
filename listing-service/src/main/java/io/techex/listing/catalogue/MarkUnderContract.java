package io.techex.listing.catalogue;

import io.techex.listing.api.DealOption;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Seller and buyer are signing a contract for one of the deals offered (sent on contract-service's events).
 *
 * @param deal one of the listing's offered deal types, exactly as offered
 */
public record MarkUnderContract(@TargetAggregateIdentifier String listingId, String contractId,
                                String buyerOrganisationId, DealOption deal) {
}

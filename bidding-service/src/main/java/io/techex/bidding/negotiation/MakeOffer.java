package io.techex.bidding.negotiation;

import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/**
 * A firm opens a negotiation on a listing with its first offer.
 *
 * @param availableDealTypes what the listing offers now (from listing-service's events)
 * @param at                 when the firm made it, from the service's clock
 */
public record MakeOffer(@TargetAggregateIdentifier String negotiationId, String listingId, String sellerOrganisationId,
                        Set<DealType> availableDealTypes, String buyerOrganisationId, DealTerms terms,
                        Instant validUntil, Instant at) {
}

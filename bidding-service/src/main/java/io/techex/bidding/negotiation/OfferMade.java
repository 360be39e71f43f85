package io.techex.bidding.negotiation;

import io.techex.bidding.api.DealTerms;

import java.time.Instant;

/** A firm opened a negotiation with its first offer (round 1). */
public record OfferMade(String negotiationId, String listingId, String sellerOrganisationId, String buyerOrganisationId,
                        int round, DealTerms terms, Instant validUntil, Instant madeAt) {
}

package io.techex.bidding.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * A firm opened a negotiation with its first offer (round 1).
 *
 * <p>Public, with the buyer and the full terms, for the regulators' trail: an offer binds the firm until
 * {@code validUntil}, and regulators audit every offer. It is confidential to the two parties and the regulators:
 * audit-service serves it to regulators only, and no other consumer may show it. The market learns of the negotiation
 * from {@code NegotiationOpened}, which names neither the buyer nor the terms.
 */
@EventType(name = "io.techex.bidding.OfferMade", version = 1)
public record OfferMade(String negotiationId, String listingId, String sellerOrganisationId, String buyerOrganisationId,
                        int round, DealTerms terms, Instant validUntil, Instant madeAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

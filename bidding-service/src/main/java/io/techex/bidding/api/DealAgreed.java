package io.techex.bidding.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * Seller and buyer agreed a deal on a listing, by accepting an offer or at the close of an auction: contract-service
 * drafts the contract from it.
 *
 * @param dealId   unique per deal; the negotiation's or auction's id, as each yields at most one deal
 * @param agreedAt when the offer was accepted or the auction closed
 */
@EventType(name = "io.techex.bidding.DealAgreed", version = 1)
public record DealAgreed(String dealId, String listingId, String sellerOrganisationId, String buyerOrganisationId,
                         DealTerms terms, DealSource source, Instant agreedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

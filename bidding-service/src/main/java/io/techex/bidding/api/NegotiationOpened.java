package io.techex.bidding.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * A firm opened a negotiation on a listing with its first offer: the listing is under negotiation. For the market
 * (listing-service shows it): it says that a negotiation exists, not who is negotiating nor for what. The buyer and its
 * terms are the parties' business; the regulators' trail gets them from {@code OfferMade}, which no market view may
 * show. A listing may have several negotiations at once, one per firm; each ends exactly once, by
 * {@link NegotiationEnded} or by a {@link DealAgreed} whose source is the negotiation.
 */
@EventType(name = "io.techex.bidding.NegotiationOpened", version = 1)
public record NegotiationOpened(String negotiationId, String listingId, String sellerOrganisationId,
                                Instant openedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

package io.techex.bidding.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * At the close, a committed bid that was never revealed with a matching amount and secret is void: it takes no part in
 * the result. Public for the regulators' trail, which then accounts for every commitment.
 */
@EventType(name = "io.techex.bidding.SealedBidVoided", version = 1)
public record SealedBidVoided(String auctionId, String listingId, String bidderOrganisationId, String reason,
                              Instant voidedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

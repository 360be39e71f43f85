package io.techex.bidding.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/** A bid in the soft-close window moved the end of an English auction to {@code endsAt}. Public: the market shows the end. */
@EventType(name = "io.techex.bidding.AuctionExtended", version = 1)
public record AuctionExtended(String auctionId, String listingId, Instant endsAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

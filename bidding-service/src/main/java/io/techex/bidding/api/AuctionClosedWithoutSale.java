package io.techex.bidding.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * An auction (English or sealed-bid) closed with no valid bid at or above the reserve, or was cancelled because its
 * listing stopped taking deals ({@code reason}). Public: the listing is back on the market unless something else holds
 * it. The reason names no amount; the reserve stays the seller's.
 */
@EventType(name = "io.techex.bidding.AuctionClosedWithoutSale", version = 1)
public record AuctionClosedWithoutSale(String auctionId, String listingId, String reason, Instant closedAt)
        implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

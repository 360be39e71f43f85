package io.techex.bidding.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A bid was accepted; {@code bidNumber} counts the auction's accepted bids from 1, in the order they were accepted.
 *
 * <p>Public, with the bidder and the amount, because a bid is binding and the regulators' trail must hold every bid
 * (audit-service records every public event). Nothing here is secret: an English auction shows its current price to
 * everyone, and the reserve is not in it. Market views should show the price and the count, not who bid: that is for
 * the trail, which only regulators read.
 */
@EventType(name = "io.techex.bidding.BidPlaced", version = 1)
public record BidPlaced(String auctionId, String listingId, String bidId, String bidderOrganisationId,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency,
                        int bidNumber, Instant placedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

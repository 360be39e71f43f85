package io.techex.bidding.auction;

import java.time.Instant;

/** A bid in the soft-close window moved the end. */
public record AuctionExtended(String auctionId, Instant endsAt) {
}

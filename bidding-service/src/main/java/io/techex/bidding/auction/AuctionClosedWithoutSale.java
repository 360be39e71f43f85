package io.techex.bidding.auction;

import java.time.Instant;

/** The auction closed with no bid at or above the reserve, or was cancelled ({@code reason}). */
public record AuctionClosedWithoutSale(String auctionId, String reason, Instant closedAt) {
}

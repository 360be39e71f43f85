package io.techex.bidding.auction;

import java.math.BigDecimal;
import java.time.Instant;

/** A bid was accepted; {@code bidNumber} counts the auction's accepted bids from 1, in the order they were accepted. */
public record BidPlaced(String auctionId, String bidId, String bidderOrganisationId, BigDecimal amount, String currency,
                        int bidNumber, Instant placedAt) {
}

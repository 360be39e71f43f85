package io.techex.bidding.auction;

import java.math.BigDecimal;
import java.time.Instant;

/** The auction closed with the highest bid at or above the reserve; a {@code DealAgreed} follows. */
public record AuctionWon(String auctionId, String winnerOrganisationId, BigDecimal amount, String currency,
                         Instant closedAt) {
}

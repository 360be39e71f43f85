package io.techex.bidding.sealed;

import java.math.BigDecimal;
import java.time.Instant;

/** The highest valid revealed bid at or above the reserve won; a {@code DealAgreed} at that amount follows. */
public record SealedBidAuctionWon(String auctionId, String winnerOrganisationId, BigDecimal amount, String currency,
                                  Instant closedAt) {
}

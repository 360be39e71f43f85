package io.techex.bidding.sealed;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One firm's sealed bid as its projection keeps it ({@code sealed_bid_view}): the firm's own business.
 *
 * @param amount null until revealed
 */
public record SealedBidRow(String commitment, int commitNumber, Instant committedAt, BigDecimal amount, boolean revealed,
                           boolean voided) {
}

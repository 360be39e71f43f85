package io.techex.bidding.auction;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What an accepted bid is answered, the first time and on every retry of it.
 *
 * @param bidNumber its number among the auction's accepted bids, from 1
 * @param placedAt  the time of the command that placed it
 */
public record PlacedBid(String bidId, int bidNumber, BigDecimal amount, String currency, Instant placedAt) {

    /** Whether {@code retry} is this bid again: the same amount (however written) in the same currency. */
    boolean answers(PlaceBid retry) {
        return retry.amount() != null && retry.amount().compareTo(amount) == 0
                && (retry.currency() == null || retry.currency().equals(currency));
    }
}

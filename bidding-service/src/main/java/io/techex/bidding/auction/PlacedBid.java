package io.techex.bidding.auction;

import jakarta.annotation.Nullable;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What an accepted bid is answered, the first time and on every retry of it.
 *
 * @param bidNumber the number of the bid it placed among the auction's accepted bids, from 1; for a leader that only
 *                  moved its maximum, the number of its standing bid
 * @param amount    the amount placed (for a leader that only moved its maximum: the current price)
 * @param placedAt  the time of the command that placed it
 * @param asked     the amount the request named; null when it named only a maximum
 * @param maximum   the maximum the request set; null for a plain bid
 * @param leading   whether the firm led once the exchange had answered the bid: a standing maximum of another firm
 *                  that reaches as high outbids it at once
 */
public record PlacedBid(String bidId, int bidNumber, BigDecimal amount, String currency, Instant placedAt,
                        @Nullable BigDecimal asked, @Nullable BigDecimal maximum, boolean leading) {

    /** A plain bid that leads. */
    public PlacedBid(String bidId, int bidNumber, BigDecimal amount, String currency, Instant placedAt) {
        this(bidId, bidNumber, amount, currency, placedAt, amount, null, true);
    }

    /**
     * Whether {@code retry} is this bid again: the same amount and maximum (however written, both or neither) in the
     * same currency.
     */
    boolean answers(PlaceBid retry) {
        return same(retry.amount(), asked) && same(retry.maximum(), maximum)
                && (retry.currency() == null || retry.currency().equals(currency));
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}

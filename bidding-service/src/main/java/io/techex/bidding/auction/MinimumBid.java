package io.techex.bidding.auction;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The least an English auction takes as its next bid: its starting price until the first bid, then the highest bid
 * plus the minimum increment. The auction's rule and everything that shows a {@code minimumBid} (the auction's view,
 * its live board, a refused bid's problem) ask here, so what a bidder is shown is what the auction then accepts.
 */
public record MinimumBid(BigDecimal startingPrice, BigDecimal minimumIncrement) {

    public MinimumBid {
        Objects.requireNonNull(startingPrice, "startingPrice");
        Objects.requireNonNull(minimumIncrement, "minimumIncrement");
    }

    /** @param highestBid the highest bid so far; null before the first */
    public BigDecimal after(BigDecimal highestBid) {
        return highestBid == null ? startingPrice : highestBid.add(minimumIncrement);
    }
}

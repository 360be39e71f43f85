package io.techex.bidding.auction;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An English auction as its projection keeps it ({@code auction_view}).
 *
 * @param status       SCHEDULED until the auction closes, then WON or CLOSED_WITHOUT_SALE (OPEN is read from the time)
 * @param reservePrice the seller's secret; null when there is none
 * @param currentPrice the highest bid; null before the first
 */
public record AuctionRow(String auctionId, String listingId, String sellerOrganisationId, AuctionStatus status,
                         String currency, BigDecimal startingPrice, BigDecimal reservePrice, BigDecimal minimumIncrement,
                         BigDecimal currentPrice, String leaderOrganisationId, int bidCount, Instant startsAt,
                         Instant endsAt) {

    /** The least the auction takes as its next bid, by the auction's own rule. */
    public BigDecimal minimumBid() {
        return new MinimumBid(startingPrice, minimumIncrement).after(currentPrice);
    }

    public boolean closed() {
        return status == AuctionStatus.WON || status == AuctionStatus.CLOSED_WITHOUT_SALE;
    }
}

package io.techex.bidding.auction;

import io.techex.bidding.api.DealType;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An English auction as its projection keeps it ({@code auction_view}).
 *
 * @param status       SCHEDULED until the auction closes, then WON or CLOSED_WITHOUT_SALE (OPEN is read from the time)
 * @param terms        the deal the winner gets
 * @param reservePrice the seller's secret; null when there is none
 * @param currentPrice the highest bid; null before the first
 */
public record AuctionRow(String auctionId, String listingId, String sellerOrganisationId, AuctionStatus status,
                         AuctionTerms terms, String currency, BigDecimal startingPrice, BigDecimal reservePrice,
                         BigDecimal minimumIncrement, BigDecimal currentPrice, String leaderOrganisationId, int bidCount,
                         Instant startsAt, Instant endsAt, int softCloseMinutes) {

    /** The least the auction takes as its next bid, by the auction's own rule. */
    public BigDecimal minimumBid() {
        return new MinimumBid(startingPrice, minimumIncrement).after(currentPrice);
    }

    public boolean closed() {
        return status == AuctionStatus.WON || status == AuctionStatus.CLOSED_WITHOUT_SALE;
    }

    /** Read from a row: the terms' columns. */
    static AuctionTerms terms(String dealType, String fieldOfUse, String territory, Integer termMonths) {
        return new AuctionTerms(DealType.valueOf(dealType), fieldOfUse, territory, termMonths);
    }

    /**
     * A bidder's latest accepted bid in the auction, which is its highest (bids only rise): the bidder's own business.
     *
     * @param bids how many of the auction's bids are the bidder's
     */
    public record OwnBid(BigDecimal amount, int bidNumber, Instant placedAt, int bids) {
    }
}

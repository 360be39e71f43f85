package io.techex.bidding.sealed;

import io.techex.bidding.auction.AuctionTerms;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A sealed-bid auction as its projection keeps it ({@code sealed_auction_view}).
 *
 * @param terms         the deal the winner gets
 * @param status        SCHEDULED until the auction closes (the phase is read from the times), then WON or
 *                      CLOSED_WITHOUT_SALE
 * @param reservePrice  the seller's secret; null when there is none
 * @param winningAmount once won; never to be shown before
 */
public record SealedBidAuctionRow(String auctionId, String listingId, String sellerOrganisationId, String status,
                                  AuctionTerms terms, String currency, BigDecimal reservePrice, Instant startsAt,
                                  Instant bidsDueAt, Instant endsAt, int commitmentCount, int revealedCount,
                                  String winnerOrganisationId, BigDecimal winningAmount) {

    public boolean closed() {
        return !status.equals("SCHEDULED");
    }
}

package io.techex.bidding.sealed;

import io.techex.bidding.api.DealType;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A sealed-bid auction as its projection keeps it ({@code sealed_auction_view}).
 *
 * @param status        SCHEDULED until the auction closes (the phase is read from the times), then WON or
 *                      CLOSED_WITHOUT_SALE
 * @param reservePrice  the seller's secret; null when there is none
 * @param winningAmount once won; never to be shown before
 */
public record SealedBidAuctionRow(String auctionId, String listingId, String sellerOrganisationId, String status,
                                  DealType dealType, String currency, BigDecimal reservePrice, Instant startsAt,
                                  Instant bidsDueAt, Instant endsAt, int commitmentCount, int revealedCount,
                                  String winnerOrganisationId, BigDecimal winningAmount) {

    public boolean closed() {
        return !status.equals("SCHEDULED");
    }
}

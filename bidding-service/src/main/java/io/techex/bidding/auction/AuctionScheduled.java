package io.techex.bidding.auction;

import java.math.BigDecimal;
import java.time.Instant;

/** A seller scheduled an English auction; the reserve is kept here and shown to the seller only. */
public record AuctionScheduled(String auctionId, String listingId, String sellerOrganisationId, AuctionTerms terms,
                               String currency, BigDecimal startingPrice, BigDecimal reservePrice,
                               BigDecimal minimumIncrement, Instant startsAt, Instant endsAt, int softCloseMinutes) {
}

package io.techex.bidding.auction;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A seller scheduled an English auction; the reserve is kept here and shown to the seller only. Never public: the
 * market and the trail get {@link io.techex.bidding.api.AuctionScheduled}, without the reserve. Stored as
 * {@code AuctionScheduled} before it was renamed; {@code RenamedEvents} reads those as this.
 */
public record EnglishAuctionScheduled(String auctionId, String listingId, String sellerOrganisationId,
                                      AuctionTerms terms, String currency, BigDecimal startingPrice,
                                      BigDecimal reservePrice, BigDecimal minimumIncrement, Instant startsAt,
                                      Instant endsAt, int softCloseMinutes) {
}

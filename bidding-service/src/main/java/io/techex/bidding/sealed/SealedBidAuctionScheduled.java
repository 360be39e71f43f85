package io.techex.bidding.sealed;

import io.techex.bidding.auction.AuctionTerms;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A seller scheduled a sealed-bid auction. Never public, as it holds the reserve: the market and the trail get
 * {@link io.techex.bidding.api.AuctionScheduled}.
 */
public record SealedBidAuctionScheduled(String auctionId, String listingId, String sellerOrganisationId,
                                        AuctionTerms terms, String currency, BigDecimal reservePrice,
                                        Instant startsAt, Instant bidsDueAt, Instant endsAt) {
}

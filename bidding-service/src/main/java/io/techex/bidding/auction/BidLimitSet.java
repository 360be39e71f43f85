package io.techex.bidding.auction;

import java.math.BigDecimal;

/** A firm capped its own bids on the auction. */
public record BidLimitSet(String auctionId, String bidderOrganisationId, BigDecimal limit) {
}

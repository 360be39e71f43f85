package io.techex.bidding.auction;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;

/** A firm caps its own bids on an auction: a bid above its limit is refused. */
public record SetBidLimit(@TargetAggregateIdentifier String auctionId, String bidderOrganisationId, BigDecimal limit,
                          String currency) {
}

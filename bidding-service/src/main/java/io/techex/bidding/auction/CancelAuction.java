package io.techex.bidding.auction;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The exchange ends an auction without sale because its listing stopped taking deals. */
public record CancelAuction(@TargetAggregateIdentifier String auctionId, String reason, Instant at) {
}

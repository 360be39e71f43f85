package io.techex.bidding.sealed;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The exchange ends a sealed-bid auction without sale because its listing stopped taking deals. */
public record CancelSealedBidAuction(@TargetAggregateIdentifier String auctionId, String reason, Instant at) {
}

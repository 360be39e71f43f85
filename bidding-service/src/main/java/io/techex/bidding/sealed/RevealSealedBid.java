package io.techex.bidding.sealed;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/** A firm reveals the amount and secret behind its commitment, after the bid deadline. */
public record RevealSealedBid(@TargetAggregateIdentifier String auctionId, String bidderOrganisationId,
                              BigDecimal amount, String currency, String secret, Instant at) {
}

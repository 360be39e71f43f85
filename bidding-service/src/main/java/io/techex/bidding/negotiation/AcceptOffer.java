package io.techex.bidding.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The party whose turn it is accepts the offer on the table: a deal. */
public record AcceptOffer(@TargetAggregateIdentifier String negotiationId, String organisationId, Instant at) {
}

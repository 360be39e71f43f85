package io.techex.bidding.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The party whose turn it is rejects the offer on the table, which ends the negotiation. */
public record RejectOffer(@TargetAggregateIdentifier String negotiationId, String organisationId, String reason,
                          Instant at) {
}

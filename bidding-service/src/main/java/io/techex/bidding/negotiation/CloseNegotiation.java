package io.techex.bidding.negotiation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The exchange ends an open negotiation: a conflicting deal was agreed, or the listing stopped taking deals. */
public record CloseNegotiation(@TargetAggregateIdentifier String negotiationId, String reason, Instant at) {
}

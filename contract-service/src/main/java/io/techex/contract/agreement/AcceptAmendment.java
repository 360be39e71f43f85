package io.techex.contract.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The other party accepts amendment {@code number}, which becomes the next version. */
public record AcceptAmendment(@TargetAggregateIdentifier String contractId, String organisationId, int number, Instant at) {
}

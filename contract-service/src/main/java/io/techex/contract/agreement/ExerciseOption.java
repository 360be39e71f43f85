package io.techex.contract.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The option's holder exercises it: the licence contract its terms fixed is drawn up. Answered with the
 * {@link CreateContract} of that licence, which {@link ContractSteps} sends in the same transaction.
 */
public record ExerciseOption(@TargetAggregateIdentifier String contractId, String organisationId, Instant at) {
}

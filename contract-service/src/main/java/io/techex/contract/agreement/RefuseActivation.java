package io.techex.contract.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The rights ledger refused the contract's rights (they overlap rights held): it cannot take effect. */
public record RefuseActivation(@TargetAggregateIdentifier String contractId, String reason, Instant at) {
}

package io.techex.contract.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/** The rights ledger granted the contract's rights for this period: it takes effect. */
public record ActivateContract(@TargetAggregateIdentifier String contractId, LocalDate rightsFrom, LocalDate rightsUntil,
                               Instant at) {
}

package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerminated.TerminationReason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A party ends an active licence: by AGREEMENT (the first party's command proposes, the other's with the same
 * effective day concludes), for the other's BREACH, or at EXPIRY of its term.
 *
 * @param effectiveOn last day the rights are held
 */
public record TerminateContract(@TargetAggregateIdentifier String contractId, String organisationId,
                                TerminationReason reason, String note, LocalDate effectiveOn, Instant at) {
}

package io.techex.contract.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A regulator refuses the transfer permit. */
public record RefusePermit(@TargetAggregateIdentifier String contractId, String regulatorOrganisationId, String officerPersonId,
                 String officerName, String reason, Instant at) {
}

package io.techex.contract.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A regulator grants the transfer permit. */
public record GrantPermit(@TargetAggregateIdentifier String contractId, String regulatorOrganisationId, String officerPersonId,
                 String officerName, String permitNumber, Instant at) {
}

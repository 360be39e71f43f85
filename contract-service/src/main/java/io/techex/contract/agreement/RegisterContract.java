package io.techex.contract.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A regulator registers the contract. */
public record RegisterContract(@TargetAggregateIdentifier String contractId, String regulatorOrganisationId, String officerPersonId,
                 String officerName, String registrationNumber, Instant at) {
}

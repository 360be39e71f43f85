package io.techex.listing.proposal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The need's owner turns a proposal down, saying why. */
public record DeclineProposal(@TargetAggregateIdentifier String proposalId, String organisationId, String reason) {
}

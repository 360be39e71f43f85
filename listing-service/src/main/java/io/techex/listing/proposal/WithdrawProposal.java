package io.techex.listing.proposal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The proposer takes back a submitted proposal; {@code reason} is optional. */
public record WithdrawProposal(@TargetAggregateIdentifier String proposalId, String organisationId, String reason) {
}

package io.techex.listing.proposal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The proposer puts its draft before the need's owner at {@code at}. */
public record SubmitProposal(@TargetAggregateIdentifier String proposalId, String organisationId, Instant at) {
}

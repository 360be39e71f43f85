package io.techex.listing.proposal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The need's owner keeps a proposal for a closer look. */
public record ShortlistProposal(@TargetAggregateIdentifier String proposalId, String organisationId) {
}

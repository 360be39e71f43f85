package io.techex.listing.proposal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The proposer attaches a confidential file (stored already) to its draft. */
public record AttachToProposal(@TargetAggregateIdentifier String proposalId, String organisationId, ProposalAttachment attachment, Instant at) {
}

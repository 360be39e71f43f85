package io.techex.listing.proposal;

/** Internal: the proposer attached a confidential file to its draft. */
public record ProposalAttachmentAdded(String proposalId, String needId, ProposalAttachment attachment) {
}

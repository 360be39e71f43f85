package io.techex.listing.proposal;

import java.time.Instant;

/** Internal: the proposer attached a confidential file to its draft. */
public record ProposalAttachmentAdded(String proposalId, String needId, ProposalAttachment attachment,
                                      Instant attachedAt) {
}

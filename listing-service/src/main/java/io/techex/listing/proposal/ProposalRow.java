package io.techex.listing.proposal;

import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.ProposalKind;
import io.techex.listing.api.RndOffer;

import java.time.Instant;
import java.util.List;

/** A proposal as the read model holds it; what a caller is shown of it is {@link ProposalView#of}'s decision. */
record ProposalRow(String proposalId, String needId, String needOwnerOrganisationId, String proposerOrganisationId,
                   ProposalKind kind, String listingId, LocalizedText message, RndOffer rndOffer, ProposalStatus status,
                   String declineReason, String withdrawalReason, String draftedBy, Instant draftedAt,
                   Instant submittedAt, Instant decidedAt, List<AttachmentView> attachments) {

    ProposalRow withAttachments(List<AttachmentView> attachments) {
        return new ProposalRow(proposalId, needId, needOwnerOrganisationId, proposerOrganisationId, kind, listingId, message,
                rndOffer, status, declineReason, withdrawalReason, draftedBy, draftedAt, submittedAt, decidedAt,
                List.copyOf(attachments));
    }
}

package io.techex.listing.proposal;

import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.ProposalKind;
import io.techex.listing.api.RndOffer;
import io.techex.listing.need.NeedRow;
import io.techex.platform.actor.Actor;
import jakarta.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A proposal as its caller may see it ({@link ProposalVisibility}).
 *
 * @param needOwnerOrganisationId null for the proposer unless the need's owner name is public or the firm asked to
 *                                negotiate
 * @param listingId               the listing proposed (kind LISTING); null for an R&D offer
 * @param rndOffer                the offer (kind RND_OFFER), its cost as a decimal string; null for a listing
 * @param attachments             names and digests; the content is downloaded by the two parties only
 * @param draftedBy               the proposer's person who drafted it
 */
public record ProposalView(String proposalId, String needId, @Nullable String needOwnerOrganisationId,
                           String proposerOrganisationId, ProposalKind kind, @Nullable String listingId,
                           @Nullable LocalizedText message, @Nullable RndOffer rndOffer, ProposalStatus status,
                           @Nullable String declineReason, @Nullable String withdrawalReason,
                           List<AttachmentView> attachments, String draftedBy, Instant draftedAt,
                           @Nullable Instant submittedAt, @Nullable Instant decidedAt) {

    static ProposalView of(ProposalRow row, NeedRow need, Actor actor) {
        return new ProposalView(row.proposalId(), row.needId(),
                ProposalVisibility.showsNeedOwner(row, need, actor) ? row.needOwnerOrganisationId() : null,
                row.proposerOrganisationId(), row.kind(), row.listingId(), row.message(), row.rndOffer(), row.status(),
                row.declineReason(), row.withdrawalReason(), row.attachments(), row.draftedBy(), row.draftedAt(),
                row.submittedAt(), row.decidedAt());
    }
}

package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * A university put its proposal before a need's owner: a listing of its own (kind LISTING, {@code listingId}) or an
 * R&D offer (kind RND_OFFER, {@code rndOffer}), with a message and confidential attachments, which are named here by
 * their SHA-256 only. The need's owner is named for the exchange's services and regulators; whoever shows the
 * proposal to the proposer does not name the owner unless the need's owner name is public.
 */
@EventType(name = "io.techex.listing.ProposalSubmitted", version = 1)
public record ProposalSubmitted(String proposalId, String needId, String needOwnerOrganisationId,
                                String proposerOrganisationId, ProposalKind kind, String listingId,
                                LocalizedText message, RndOffer rndOffer, List<AttachmentRef> attachments,
                                Instant submittedAt) implements PublicEvent {

    public ProposalSubmitted {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A proposal is part of its need's story: the need is the asset. */
    @Override
    public String assetId() {
        return needId;
    }
}

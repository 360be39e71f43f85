package io.techex.listing.proposal;

import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.ProposalKind;
import io.techex.listing.api.RndOffer;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A university drafts its answer to a need.
 *
 * @param needOwnerOrganisationId the need's owner as the needs read model knows it: the one who decides on it
 * @param listingId               the listing proposed (kind LISTING), the proposer's own on the market; else null
 * @param rndOffer                the offer (kind RND_OFFER); else null
 * @param message                 optional, in Vietnamese, English or both
 */
public record DraftProposal(@TargetAggregateIdentifier String proposalId, String needId, String needOwnerOrganisationId,
                            String proposerOrganisationId, ProposalKind kind, String listingId, LocalizedText message,
                            RndOffer rndOffer) {
}

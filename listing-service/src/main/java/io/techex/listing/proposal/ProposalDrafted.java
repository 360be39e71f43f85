package io.techex.listing.proposal;

import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.ProposalKind;
import io.techex.listing.api.RndOffer;

/** Internal: a university drafted an answer to a need; nobody else sees it until it is submitted. */
public record ProposalDrafted(String proposalId, String needId, String needOwnerOrganisationId,
                              String proposerOrganisationId, ProposalKind kind, String listingId, LocalizedText message,
                              RndOffer rndOffer) {
}

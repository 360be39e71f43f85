package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * The need's owner declined a proposal.
 *
 * @param reason the owner's reason, for the proposer
 */
@EventType(name = "io.techex.listing.ProposalDeclined", version = 1)
public record ProposalDeclined(String proposalId, String needId, String needOwnerOrganisationId,
                               String proposerOrganisationId, String reason) implements PublicEvent {

    @Override
    public String assetId() {
        return needId;
    }
}

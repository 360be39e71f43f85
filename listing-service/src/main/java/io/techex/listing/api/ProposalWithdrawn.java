package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * The proposing university took back its submitted proposal.
 *
 * @param reason the university's reason, if it gave one
 */
@EventType(name = "io.techex.listing.ProposalWithdrawn", version = 1)
public record ProposalWithdrawn(String proposalId, String needId, String needOwnerOrganisationId,
                                String proposerOrganisationId, String reason) implements PublicEvent {

    @Override
    public String assetId() {
        return needId;
    }
}

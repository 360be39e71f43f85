package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/** The need's owner shortlisted a proposal; who did is the event's actor. */
@EventType(name = "io.techex.listing.ProposalShortlisted", version = 1)
public record ProposalShortlisted(String proposalId, String needId, String needOwnerOrganisationId,
                                  String proposerOrganisationId) implements PublicEvent {

    @Override
    public String assetId() {
        return needId;
    }
}

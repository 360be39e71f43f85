package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * The firm closed its need before the deadline (it found what it needed, or gave up); proposals are no longer taken.
 *
 * @param reason the firm's reason, if it gave one
 */
@EventType(name = "io.techex.listing.NeedClosed", version = 1)
public record NeedClosed(String needId, String ownerOrganisationId, String reason) implements PublicEvent {

    @Override
    public String assetId() {
        return needId;
    }
}

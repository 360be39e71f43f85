package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * The exchange operator could not confirm that the seller may offer the listed IP; the seller may revise the
 * listing (or attach better evidence) and submit it again.
 *
 * @param revision the revision checked
 * @param reason   what the operator found, for the seller
 */
@EventType(name = "io.techex.listing.OwnershipRejected", version = 1)
public record OwnershipRejected(String listingId, int revision, String reason) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

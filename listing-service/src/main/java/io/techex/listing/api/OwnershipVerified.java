package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * The exchange operator checked the IP titles against the offices' registers and the seller's evidence, and found
 * the seller entitled to offer them. Who checked is the event's actor.
 *
 * @param revision the revision checked
 */
@EventType(name = "io.techex.listing.OwnershipVerified", version = 1)
public record OwnershipVerified(String listingId, int revision) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

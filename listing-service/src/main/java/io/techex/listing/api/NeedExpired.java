package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * The need's deadline passed while it was published; proposals are no longer taken. The exchange records it (the
 * actor is {@code listing-service}, role SYSTEM), from a persisted deadline, also when it passed while the service was down.
 */
@EventType(name = "io.techex.listing.NeedExpired", version = 1)
public record NeedExpired(String needId, String ownerOrganisationId, Instant deadline) implements PublicEvent {

    @Override
    public String assetId() {
        return needId;
    }
}

package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * A registered co-owner of the listed IP (an organisation other than the seller) agreed to the listing as it stands
 * at {@code revision}. Public because a transfer of jointly owned IP without every owner's consent is void, and
 * auditors must be able to see the consent.
 */
@EventType(name = "io.techex.listing.CoOwnerConsented", version = 1)
public record CoOwnerConsented(String listingId, String organisationId, int revision) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

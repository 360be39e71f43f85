package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/** The seller changed a draft; the event carries the draft as it now stands. */
@EventType(name = "io.techex.listing.ListingDraftRevised", version = 1)
public record ListingDraftRevised(String listingId, int revision, LocalizedText title, LocalizedText summary,
                                  AssetType assetType, int readinessLevel) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

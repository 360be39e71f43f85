package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/** A seller drafted a technology listing; nobody but the seller sees it until it is published. */
@EventType(name = "io.techex.listing.ListingDrafted", version = 1)
public record ListingDrafted(String listingId, String sellerOrganisationId, LocalizedText title, LocalizedText summary,
                             AssetType assetType, int readinessLevel) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

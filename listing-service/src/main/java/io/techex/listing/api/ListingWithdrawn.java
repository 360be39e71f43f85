package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * The seller took the listing off the exchange for good; open negotiations and auctions on it end. Licences
 * already granted stand.
 *
 * @param reason the seller's reason, if it gave one
 */
@EventType(name = "io.techex.listing.ListingWithdrawn", version = 1)
public record ListingWithdrawn(String listingId, String reason) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

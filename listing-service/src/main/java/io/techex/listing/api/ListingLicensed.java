package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * A licence contract on the listing took effect. After a non-exclusive licence the listing stays on the market for
 * further non-exclusive licences; after an exclusive one it takes no new deals.
 */
@EventType(name = "io.techex.listing.ListingLicensed", version = 1)
public record ListingLicensed(String listingId, String contractId, String licenseeOrganisationId,
                              DealOption licence) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

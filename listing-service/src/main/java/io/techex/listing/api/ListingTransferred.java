package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/** An assignment contract on the listing took effect: the listing is closed; {@link OwnershipChanged} follows. */
@EventType(name = "io.techex.listing.ListingTransferred", version = 1)
public record ListingTransferred(String listingId, String contractId, String assignorOrganisationId,
                                 String assigneeOrganisationId) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

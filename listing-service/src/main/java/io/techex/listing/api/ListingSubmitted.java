package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * The seller submitted a complete listing for the operator's ownership check; its content is frozen from now on.
 *
 * @param revision the revision submitted (0 for the draft as first drafted), i.e. the content the operator checks
 */
@EventType(name = "io.techex.listing.ListingSubmitted", version = 1)
public record ListingSubmitted(String listingId, String sellerOrganisationId, int revision) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

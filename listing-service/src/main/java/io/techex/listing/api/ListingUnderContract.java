package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * Seller and buyer are signing a contract for one of the deals the listing offers; no other deal may start until
 * it is concluded or falls through.
 */
@EventType(name = "io.techex.listing.ListingUnderContract", version = 1)
public record ListingUnderContract(String listingId, String contractId, String buyerOrganisationId,
                                   DealOption deal) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.util.List;

/**
 * The listed IP titles changed hands by assignment. The exchange records it as agreed by contract; registration
 * of the change at the IP office is the parties' duty and outside the exchange.
 */
@EventType(name = "io.techex.listing.OwnershipChanged", version = 1)
public record OwnershipChanged(String listingId, String previousOwnerOrganisationId, String newOwnerOrganisationId,
                               List<IpTitleRef> ipTitles) implements PublicEvent {

    public OwnershipChanged {
        ipTitles = ipTitles == null ? List.of() : List.copyOf(ipTitles);
    }

    @Override
    public String assetId() {
        return listingId;
    }
}

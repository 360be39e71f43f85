package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * An assignment took effect: the technology and its IP titles belong to {@code toOrganisationId} from now on.
 * listing-service makes the assignee the listing's owner.
 */
@EventType(name = "io.techex.contract.OwnershipTransferred", version = 1)
public record OwnershipTransferred(String contractId, String listingId, String fromOrganisationId,
                                   String toOrganisationId, List<IpTitleRef> ipTitles, Instant transferredAt)
        implements PublicEvent {

    public OwnershipTransferred {
        ipTitles = ipTitles == null ? List.of() : List.copyOf(ipTitles);
    }

    @Override
    public String assetId() {
        return listingId;
    }
}

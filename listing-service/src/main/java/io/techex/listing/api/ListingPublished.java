package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * The seller put a verified listing on the market. It carries the terms the bidding and contract services work
 * with, so that they need not have followed the drafts.
 *
 * @param stateFunded the technology came from State-funded research: its transfer contracts must be registered
 * @param ipTitles    the IP titles the listing offers rights in
 */
@EventType(name = "io.techex.listing.ListingPublished", version = 1)
public record ListingPublished(String listingId, String sellerOrganisationId, LocalizedText title, AssetType assetType,
                               List<DealOption> dealTypes, AskingPrice askingPrice, SaleMode saleMode,
                               RegulatoryCategory regulatoryCategory, boolean stateFunded, List<IpTitleRef> ipTitles,
                               Instant publishedAt) implements PublicEvent {

    public ListingPublished {
        dealTypes = dealTypes == null ? List.of() : List.copyOf(dealTypes);
        ipTitles = ipTitles == null ? List.of() : List.copyOf(ipTitles);
    }

    @Override
    public String assetId() {
        return listingId;
    }
}

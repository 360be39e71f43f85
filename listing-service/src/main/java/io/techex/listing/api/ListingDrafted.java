package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.util.List;

/**
 * A seller drafted a technology listing; nobody but the seller (and the co-owners it names) sees it until it is
 * published. Everything after {@code readinessLevel} was added to v1 later and may be empty: a draft need not be
 * complete, and events stored before those fields existed read back with empty lists and no price.
 */
@EventType(name = "io.techex.listing.ListingDrafted", version = 1)
public record ListingDrafted(String listingId, String sellerOrganisationId, LocalizedText title, LocalizedText summary,
                             AssetType assetType, int readinessLevel, List<IpTitle> ipTitles, List<String> ipcClasses,
                             List<String> keywords, List<DealOption> dealTypes, AskingPrice askingPrice,
                             RegulatoryCategory regulatoryCategory, boolean stateFunded) implements PublicEvent {

    public ListingDrafted {
        ipTitles = ipTitles == null ? List.of() : List.copyOf(ipTitles);
        ipcClasses = ipcClasses == null ? List.of() : List.copyOf(ipcClasses);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        dealTypes = dealTypes == null ? List.of() : List.copyOf(dealTypes);
    }

    /** A bare draft: title, summary, asset type and readiness only. */
    public ListingDrafted(String listingId, String sellerOrganisationId, LocalizedText title, LocalizedText summary,
                          AssetType assetType, int readinessLevel) {
        this(listingId, sellerOrganisationId, title, summary, assetType, readinessLevel, null, null, null, null, null,
                null, false);
    }

    @Override
    public String assetId() {
        return listingId;
    }
}

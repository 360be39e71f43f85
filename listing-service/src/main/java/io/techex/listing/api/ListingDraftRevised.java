package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.util.List;

/**
 * The seller changed a draft (or a listing whose ownership was rejected, which makes it a draft again); the event
 * carries the draft as it now stands. The fields after {@code readinessLevel} are as in {@link ListingDrafted}.
 */
@EventType(name = "io.techex.listing.ListingDraftRevised", version = 1)
public record ListingDraftRevised(String listingId, int revision, LocalizedText title, LocalizedText summary,
                                  AssetType assetType, int readinessLevel, List<IpTitle> ipTitles,
                                  List<String> ipcClasses, List<String> keywords, List<DealOption> dealTypes,
                                  AskingPrice askingPrice, RegulatoryCategory regulatoryCategory,
                                  boolean stateFunded) implements PublicEvent {

    public ListingDraftRevised {
        ipTitles = ipTitles == null ? List.of() : List.copyOf(ipTitles);
        ipcClasses = ipcClasses == null ? List.of() : List.copyOf(ipcClasses);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        dealTypes = dealTypes == null ? List.of() : List.copyOf(dealTypes);
    }

    /** A bare revision: title, summary, asset type and readiness only. */
    public ListingDraftRevised(String listingId, int revision, LocalizedText title, LocalizedText summary,
                               AssetType assetType, int readinessLevel) {
        this(listingId, revision, title, summary, assetType, readinessLevel, null, null, null, null, null, null, false);
    }

    @Override
    public String assetId() {
        return listingId;
    }
}

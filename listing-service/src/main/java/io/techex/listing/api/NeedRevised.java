package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * The firm changed a published need (its text, field, terms or deadline); it stays published, and the event carries it
 * whole as it now stands, as {@link NeedPublished} does.
 */
@EventType(name = "io.techex.listing.NeedRevised", version = 1)
public record NeedRevised(String needId, String ownerOrganisationId, NeedOwnerKind ownerKind, boolean ownerNamePublic,
                          int revision, LocalizedText title, LocalizedText statement, List<String> keywords,
                          List<String> ipcClasses, int minReadinessLevel, List<DealType> dealTypes, String territory,
                          Budget budget, Instant deadline, Instant revisedAt) implements PublicEvent {

    public NeedRevised {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        ipcClasses = ipcClasses == null ? List.of() : List.copyOf(ipcClasses);
        dealTypes = dealTypes == null ? List.of() : List.copyOf(dealTypes);
    }

    @Override
    public String assetId() {
        return needId;
    }
}

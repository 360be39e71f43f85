package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * A firm (or a State agency acting as one) put a technology need on the market, open until {@code deadline}. It carries
 * the whole need, so that a consumer needs nothing else to show it or to tell the holders of matching technologies.
 * <p>
 * {@code ownerOrganisationId} is always here, for the exchange's services and regulators; a consumer that shows the
 * need to anyone else shows it only when {@code ownerNamePublic} is true.
 */
@EventType(name = "io.techex.listing.NeedPublished", version = 1)
public record NeedPublished(String needId, String ownerOrganisationId, NeedOwnerKind ownerKind, boolean ownerNamePublic,
                            int revision, LocalizedText title, LocalizedText statement, List<String> keywords,
                            List<String> ipcClasses, int minReadinessLevel, List<DealType> dealTypes, String territory,
                            Budget budget, Instant deadline, Instant publishedAt) implements PublicEvent {

    public NeedPublished {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        ipcClasses = ipcClasses == null ? List.of() : List.copyOf(ipcClasses);
        dealTypes = dealTypes == null ? List.of() : List.copyOf(dealTypes);
    }

    /** The need is the asset: its proposals and matches are in its trail. */
    @Override
    public String assetId() {
        return needId;
    }
}

package io.techex.listing.need;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;

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

    static NeedPublished of(String needId, String ownerOrganisationId, int revision, NeedContent content, Instant at) {
        return new NeedPublished(needId, ownerOrganisationId, content.ownerKind(), content.ownerNamePublic(), revision,
                content.title(), content.statement(), content.keywords(), content.ipcClasses(),
                content.minReadinessLevel(), content.dealTypes(), content.territory(), content.budget(),
                content.deadline(), at);
    }

    NeedContent content() {
        return new NeedContent(title, statement, keywords, ipcClasses, minReadinessLevel, dealTypes, territory, budget,
                deadline, ownerNamePublic, ownerKind);
    }

    /** The need is the asset: its proposals and matches are in its trail. */
    @Override
    public String assetId() {
        return needId;
    }
}

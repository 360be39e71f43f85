package io.techex.listing.need;

import io.techex.listing.api.Budget;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.NeedOwnerKind;
import io.techex.platform.actor.Actor;
import jakarta.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A need as its caller may see it ({@link NeedVisibility}).
 *
 * @param ownerOrganisationId who posted it: null unless its name is public, or the caller is its owner, the operator
 *                            or a regulator
 * @param budget              amounts as decimal strings
 * @param endedReason         why it was closed or taken down; shown to its owner, the operator and regulators only
 */
public record NeedView(String needId, NeedStatus status, @Nullable String ownerOrganisationId, NeedOwnerKind ownerKind,
                       boolean ownerNamePublic, int revision, LocalizedText title, LocalizedText statement,
                       List<String> keywords, List<String> ipcClasses, int minReadinessLevel, List<DealType> dealTypes,
                       @Nullable String territory, @Nullable Budget budget, @Nullable Instant deadline,
                       @Nullable Instant publishedAt, Instant updatedAt, @Nullable String endedReason) {

    static NeedView of(NeedRow row, Actor actor) {
        boolean insider = NeedVisibility.isInsider(row, actor);
        return new NeedView(row.needId(), row.status(), NeedVisibility.showsOwner(row, actor) ? row.ownerOrganisationId() : null,
                row.ownerKind(), row.ownerNamePublic(), row.revision(), row.title(), row.statement(), row.keywords(),
                row.ipcClasses(), row.minReadinessLevel(), row.dealTypes(), row.territory(), row.budget(), row.deadline(),
                row.publishedAt(), row.updatedAt(), insider ? row.endedReason() : null);
    }
}

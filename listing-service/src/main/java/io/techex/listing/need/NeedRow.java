package io.techex.listing.need;

import io.techex.listing.api.Budget;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.NeedOwnerKind;

import java.time.Instant;
import java.util.List;

/**
 * A need as the read model holds it, owner included; what a caller is shown of it is {@link NeedView#of}'s decision.
 *
 * @param endedReason why it was closed (the owner's reason) or taken down (the operator's); null otherwise
 */
public record NeedRow(String needId, String ownerOrganisationId, NeedOwnerKind ownerKind, boolean ownerNamePublic,
                      NeedStatus status, int revision, LocalizedText title, LocalizedText statement,
                      List<String> keywords, List<String> ipcClasses, int minReadinessLevel, List<DealType> dealTypes,
                      String territory, Budget budget, Instant deadline, Instant draftedAt, Instant publishedAt,
                      Instant updatedAt, String endedReason) {
}

package io.techex.contract.api;

import io.techex.contract.api.RegulatoryDecisionOverdue.Decision;
import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.util.List;

/**
 * The contract now waits for a regulator's decision: both parties signed a version and the Law on Technology Transfer
 * requires a transfer permit or a registration for it ({@code reasons}, the legal basis), or a permit was granted and a
 * registration is still required. Regulators are asked to decide by {@code dueBy}; if they have not by then, a
 * {@link RegulatoryDecisionOverdue} with the same {@code dueBy} follows. The decision itself is
 * {@link TransferPermitGranted}, {@link TransferPermitRefused}, {@link ContractRegistered} or {@link RegistrationRefused}.
 *
 * @param decision    PERMIT or REGISTRATION
 * @param reasons     why the law requires it, in the rules' words
 * @param requestedAt when the contract began to wait (the last signature, or the permit granted)
 */
@EventType(name = "io.techex.contract.RegulatoryDecisionRequested", version = 1)
public record RegulatoryDecisionRequested(String contractId, String listingId, Decision decision, Instant dueBy,
                                          String sellerOrganisationId, String buyerOrganisationId, String sellerCountry,
                                          String buyerCountry, List<String> reasons, Instant requestedAt)
        implements PublicEvent {

    public RegulatoryDecisionRequested {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    @Override
    public String assetId() {
        return listingId;
    }
}

package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An active licence ended and its rights were released from the ledger from the day after {@code effectiveOn}.
 *
 * @param reason AGREEMENT (both parties), BREACH (one party, citing it) or EXPIRY (the term ran out)
 */
@EventType(name = "io.techex.contract.ContractTerminated", version = 1)
public record ContractTerminated(String contractId, String listingId, TerminationReason reason, String note,
                                 LocalDate effectiveOn, Instant terminatedAt) implements PublicEvent {

    public enum TerminationReason { AGREEMENT, BREACH, EXPIRY }

    @Override
    public String assetId() {
        return listingId;
    }
}

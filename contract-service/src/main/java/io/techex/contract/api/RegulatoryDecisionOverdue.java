package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * A regulator's decision on a transfer permit or a registration was not made by the time the law allows
 * ({@code dueBy}, fixed when it was requested). The contract still awaits it; regulators see it first in their queue.
 *
 * @param decision PERMIT or REGISTRATION
 */
@EventType(name = "io.techex.contract.RegulatoryDecisionOverdue", version = 1)
public record RegulatoryDecisionOverdue(String contractId, String listingId, Decision decision, Instant dueBy)
        implements PublicEvent {

    public enum Decision { PERMIT, REGISTRATION }

    @Override
    public String assetId() {
        return listingId;
    }
}

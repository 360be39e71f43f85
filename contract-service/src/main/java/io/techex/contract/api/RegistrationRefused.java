package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * A regulator refused to register the contract; it will not take effect.
 *
 * @param officerPersonId the regulator's officer who decided, by their person id
 * @param officerName     the officer's name as their token gives it
 * @param reason          why, in the officer's words
 */
@EventType(name = "io.techex.contract.RegistrationRefused", version = 1)
public record RegistrationRefused(String contractId, String listingId, String regulatorOrganisationId, String officerPersonId,
                 String officerName, String reason, Instant decidedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * A regulator granted the transfer permit a restricted technology needs (Law on Technology Transfer 2017, article 29).
 *
 * @param officerPersonId the regulator's officer who decided, by their person id
 * @param officerName     the officer's name as their token gives it
 */
@EventType(name = "io.techex.contract.TransferPermitGranted", version = 1)
public record TransferPermitGranted(String contractId, String listingId, String regulatorOrganisationId, String officerPersonId,
                 String officerName, String permitNumber, Instant decidedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

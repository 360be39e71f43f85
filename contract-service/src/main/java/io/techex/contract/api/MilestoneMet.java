package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The licensor (or assignor) confirmed that a milestone of the contract was met; its payment, if it has one, is due
 * from then on.
 *
 * @param paymentDue the milestone's payment; absent when it pays nothing
 */
@EventType(name = "io.techex.contract.MilestoneMet", version = 1)
public record MilestoneMet(String contractId, String listingId, String milestoneId, String description,
                           LocalDate metOn, Money paymentDue, String note, String confirmedByOrganisationId,
                           Instant recordedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

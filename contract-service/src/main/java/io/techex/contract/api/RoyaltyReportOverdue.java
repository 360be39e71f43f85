package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.LocalDate;

/**
 * A royalty period's report had not arrived by the end of {@code reportDueBy}, the day the contract-service's grace
 * after the period's end ran out. The report is still accepted afterwards, marked late.
 */
@EventType(name = "io.techex.contract.RoyaltyReportOverdue", version = 1)
public record RoyaltyReportOverdue(String contractId, String listingId, String licenseeOrganisationId,
                                   int periodNumber, LocalDate periodFrom, LocalDate periodUntil,
                                   LocalDate reportDueBy) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

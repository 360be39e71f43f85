package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The contract took effect: every signature, permit and registration it needed is in, and the rights ledger granted
 * its rights without overlapping anyone else's.
 *
 * @param rightsFrom  first day of the rights granted
 * @param rightsUntil last day; absent for an assignment or a licence without end
 */
@EventType(name = "io.techex.contract.ContractActivated", version = 1)
public record ContractActivated(String contractId, String listingId, String sellerOrganisationId,
                                String buyerOrganisationId, DealType dealType, String fieldOfUse, String territory,
                                LocalDate rightsFrom, LocalDate rightsUntil, int version, Instant activatedAt)
        implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

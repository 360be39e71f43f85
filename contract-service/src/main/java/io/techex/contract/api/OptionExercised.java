package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The holder of an option in force exercised it: the licence contract {@code licenceContractId} was drawn up on the
 * terms the option fixed, for both parties to sign. The option's reservation keeps the rights for that licence until
 * it takes effect (the ledger then ends the reservation) or until the option's last day, whichever comes first.
 *
 * @param grantorOrganisationId the option's grantor, licensor of the licence to come
 * @param holderOrganisationId  the option's holder, who exercised it
 * @param exercisedOn           the day (UTC) it was exercised, within the option's period
 */
@EventType(name = "io.techex.contract.OptionExercised", version = 1)
public record OptionExercised(String contractId, String listingId, String grantorOrganisationId,
                              String holderOrganisationId, String licenceContractId, LocalDate exercisedOn,
                              Instant exercisedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

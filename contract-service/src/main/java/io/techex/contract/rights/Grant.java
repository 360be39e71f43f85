package io.techex.contract.rights;

import io.techex.contract.api.DealType;

import java.time.LocalDate;

/**
 * Rights a contract holds in an asset, as the ledger keeps them.
 *
 * @param until last day; null: no end. A termination or a later assignment in the chain of title moves it earlier.
 */
public record Grant(String contractId, String listingId, String grantorOrganisationId, String holderOrganisationId,
                    DealType dealType, String fieldOfUse, String territory, LocalDate from, LocalDate until) {

    boolean heldOn(LocalDate day) {
        return !from.isAfter(day) && (until == null || !until.isBefore(day));
    }
}

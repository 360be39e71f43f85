package io.techex.contract.rights;

import io.techex.contract.api.DealType;
import jakarta.annotation.Nullable;

import java.time.LocalDate;

/**
 * Rights a contract holds in an asset, as the ledger keeps them.
 *
 * @param until last day; null: no end. A termination or a later assignment in the chain of title moves it earlier.
 */
public record Grant(String contractId, String listingId, String grantorOrganisationId, String holderOrganisationId,
                    DealType dealType, @Nullable String fieldOfUse, @Nullable String territory, LocalDate from, @Nullable LocalDate until) {

    boolean heldOn(LocalDate day) {
        return !from.isAfter(day) && (until == null || !until.isBefore(day));
    }
}

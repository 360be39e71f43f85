package io.techex.contract.rights;

import io.techex.contract.api.DealType;
import jakarta.annotation.Nullable;

import java.time.LocalDate;

/**
 * The rights a contract grants in an asset.
 *
 * @param grantorOrganisationId the seller: licensor or assignor
 * @param holderOrganisationId  the buyer: licensee or assignee
 * @param fieldOfUse            null: every field
 * @param territory             null: worldwide
 * @param from                  first day; null: the day the contract takes effect
 * @param until                 last day; null: no end, or see termMonths
 * @param termMonths            the licence runs this many months from its first day; null when until says it
 * @param exercisedOption       for a licence from an option's exercise, that option: its reservation made room for
 *                              this licence, which ends it
 */
public record RightsClaim(String contractId, String listingId, String grantorOrganisationId,
                          String holderOrganisationId, DealType dealType, @Nullable String fieldOfUse, @Nullable String territory,
                          @Nullable LocalDate from, @Nullable LocalDate until, @Nullable Integer termMonths,
                          @Nullable String exercisedOption) {

    /** Rights of a contract from a deal. */
    public RightsClaim(String contractId, String listingId, String grantorOrganisationId, String holderOrganisationId,
                       DealType dealType, String fieldOfUse, String territory, LocalDate from, LocalDate until,
                       Integer termMonths) {
        this(contractId, listingId, grantorOrganisationId, holderOrganisationId, dealType, fieldOfUse, territory, from,
                until, termMonths, null);
    }
}

package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerms;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A contract as it took effect: the version both parties signed, its terms, and the rights the ledger granted under
 * them.
 *
 * @param grantorOrganisationId the seller: licensor or assignor
 * @param holderOrganisationId  the buyer: licensee or assignee
 * @param rightsFrom            first day of the rights: the agreed start, or the day it took effect when none was agreed
 * @param rightsUntil           last day of the rights; null: no end
 */
public record ContractInForce(String contractId, String listingId, String grantorOrganisationId,
                              String holderOrganisationId, int version, ContractTerms terms, LocalDate rightsFrom,
                              LocalDate rightsUntil, Instant tookEffectAt) {
}

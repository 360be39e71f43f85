package io.techex.contract.agreement;

import jakarta.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * On the last signature, with both parties' countries known, the law's path was decided.
 *
 * @param decisionDueBy when the regulator's decision is due; null when no regulator is involved
 */
public record LegalPathDetermined(String contractId, String listingId, String sellerCountry, String buyerCountry,
                                  boolean permitRequired, boolean registrationRequired, List<String> reasons,
                                  @Nullable Instant decisionDueBy) {
}

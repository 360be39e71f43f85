package io.techex.contract.agreement;

import jakarta.annotation.Nullable;

import java.time.LocalDate;

/** One party proposed to end the licence by agreement; the other's agreement concludes it. */
public record TerminationProposed(String contractId, String organisationId, @Nullable String note, LocalDate effectiveOn) {
}

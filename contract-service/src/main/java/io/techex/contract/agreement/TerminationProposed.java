package io.techex.contract.agreement;

import java.time.LocalDate;

/** One party proposed to end the licence by agreement; the other's agreement concludes it. */
public record TerminationProposed(String contractId, String organisationId, String note, LocalDate effectiveOn) {
}

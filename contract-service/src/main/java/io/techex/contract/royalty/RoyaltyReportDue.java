package io.techex.contract.royalty;

import java.time.LocalDate;

/** Deadline payload: period {@code periodNumber}'s report was due by the end of {@code reportDueBy}. */
public record RoyaltyReportDue(int periodNumber, LocalDate reportDueBy) {
}

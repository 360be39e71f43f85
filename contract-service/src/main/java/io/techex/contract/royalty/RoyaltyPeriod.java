package io.techex.contract.royalty;

import java.time.LocalDate;

/**
 * One reporting period of a licence's running royalty.
 *
 * @param until        last day, included
 * @param contractYear 1 for the year starting on the first day of the rights
 * @param reportDueBy  last day on which its report is on time
 */
public record RoyaltyPeriod(int number, LocalDate from, LocalDate until, int contractYear, LocalDate reportDueBy) {
}

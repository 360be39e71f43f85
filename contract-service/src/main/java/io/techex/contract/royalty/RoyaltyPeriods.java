package io.techex.contract.royalty;

import io.techex.contract.api.Royalty.ReportingPeriod;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The reporting periods of one royalty account, in one place; {@code RoyaltyPeriodsTest} has a case for each rule.
 * <ul>
 *   <li>Periods are the contract's own, not calendar ones: the first starts on the first day of the rights (the day
 *       the licence took effect, or its later agreed start), and each runs one, three or twelve months.</li>
 *   <li>Period n starts {@code (n - 1) × months} after the first day, counted from the first day each time rather than
 *       from the previous period, so a licence starting on 31 January does not drift to the 28th for good after
 *       February.</li>
 *   <li>A contract year is twelve months from the first day; periods divide it exactly.</li>
 *   <li>The licence's last day (its term's end, or an earlier termination) cuts the last period and year short;
 *       nothing after it is a period.</li>
 *   <li>A period's report is due within {@code graceDays} after it ends; a period that ended before the account
 *       opened on {@code openedOn} (a licence agreed to start before it took effect) within {@code graceDays} after
 *       that, since nothing could be reported before.</li>
 * </ul>
 */
public record RoyaltyPeriods(LocalDate firstDay, LocalDate lastDay, ReportingPeriod length, int graceDays,
                             LocalDate openedOn) {

    public static int months(ReportingPeriod length) {
        return switch (length) {
            case MONTH -> 1;
            case QUARTER -> 3;
            case YEAR -> 12;
        };
    }

    public int perYear() {
        return 12 / months(length);
    }

    /** Period {@code number}, or null when there is no such period (before the first, or after the last day). */
    public RoyaltyPeriod period(int number) {
        if (number < 1) {
            return null;
        }
        int months = months(length);
        LocalDate from = firstDay.plusMonths((long) (number - 1) * months);
        if (lastDay != null && from.isAfter(lastDay)) {
            return null;
        }
        LocalDate until = firstDay.plusMonths((long) number * months).minusDays(1);
        if (lastDay != null && until.isAfter(lastDay)) {
            until = lastDay;
        }
        LocalDate reportableFrom = until.isBefore(openedOn) ? openedOn : until;
        return new RoyaltyPeriod(number, from, until, (number - 1) / perYear() + 1, reportableFrom.plusDays(graceDays));
    }

    /** The periods of contract year {@code year}, in order (fewer than {@link #perYear()} in a year cut short). */
    public List<RoyaltyPeriod> ofYear(int year) {
        List<RoyaltyPeriod> periods = new ArrayList<>();
        for (int number = (year - 1) * perYear() + 1; number <= year * perYear(); number++) {
            RoyaltyPeriod period = period(number);
            if (period != null) {
                periods.add(period);
            }
        }
        return periods;
    }

    /** First day of contract year {@code year}. */
    public LocalDate yearFrom(int year) {
        return firstDay.plusYears(year - 1);
    }

    /** Last day of contract year {@code year} had the licence not ended before it. */
    public LocalDate fullYearUntil(int year) {
        return firstDay.plusYears(year).minusDays(1);
    }

    /** Last day of contract year {@code year} as the licence runs. */
    public LocalDate yearUntil(int year) {
        LocalDate full = fullYearUntil(year);
        return lastDay != null && full.isAfter(lastDay) ? lastDay : full;
    }

    /** The periods that have begun by {@code day}, in order. */
    public List<RoyaltyPeriod> begunBy(LocalDate day) {
        List<RoyaltyPeriod> periods = new ArrayList<>();
        for (int number = 1; ; number++) {
            RoyaltyPeriod period = period(number);
            if (period == null || period.from().isAfter(day)) {
                return periods;
            }
            periods.add(period);
        }
    }
}

package io.techex.contract.royalty;

import io.techex.contract.api.Money;
import io.techex.contract.api.Royalty.ReportingPeriod;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** Periods, contract years and the amounts computed on them: a case per rule of {@link RoyaltyPeriods} and {@link RoyaltyMath}. */
class RoyaltyPeriodsTest {

    static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    @Test
    void theFirstPeriodStartsOnTheFirstDayOfTheRightsNotOnACalendarQuarter() {
        var periods = new RoyaltyPeriods(day("2026-11-23"), null, ReportingPeriod.QUARTER, 30, day("2026-11-23"));
        assertThat(periods.period(1)).isEqualTo(new RoyaltyPeriod(1, day("2026-11-23"), day("2027-02-22"), 1, day("2027-03-24")));
        assertThat(periods.period(2)).isEqualTo(new RoyaltyPeriod(2, day("2027-02-23"), day("2027-05-22"), 1, day("2027-06-21")));
        assertThat(periods.period(5).contractYear()).isEqualTo(2);
        assertThat(periods.period(0)).isNull();
    }

    @Test
    void periodsAreCountedFromTheFirstDaySoTheEndOfAMonthDoesNotDrift() {
        var periods = new RoyaltyPeriods(day("2027-01-31"), null, ReportingPeriod.MONTH, 30, day("2027-01-31"));
        assertThat(periods.period(1).until()).isEqualTo(day("2027-02-27"));
        assertThat(periods.period(2).from()).isEqualTo(day("2027-02-28"));
        assertThat(periods.period(2).until()).isEqualTo(day("2027-03-30"));
        assertThat(periods.period(3).from()).isEqualTo(day("2027-03-31"));
        assertThat(periods.period(12).until()).isEqualTo(day("2028-01-30"));
        assertThat(periods.period(13).from()).isEqualTo(periods.yearFrom(2));
    }

    @Test
    void theLastDayCutsTheLastPeriodAndYearShortAndNothingFollowsIt() {
        var periods = new RoyaltyPeriods(day("2027-01-01"), day("2028-05-15"), ReportingPeriod.QUARTER, 30, day("2027-01-01"));
        assertThat(periods.period(6)).isEqualTo(new RoyaltyPeriod(6, day("2028-04-01"), day("2028-05-15"), 2, day("2028-06-14")));
        assertThat(periods.period(7)).isNull();
        assertThat(periods.ofYear(2)).extracting(RoyaltyPeriod::number).containsExactly(5, 6);
        assertThat(periods.yearUntil(2)).isEqualTo(day("2028-05-15"));
        assertThat(periods.fullYearUntil(2)).isEqualTo(day("2028-12-31"));
        assertThat(periods.begunBy(day("2030-01-01"))).hasSize(6);
        assertThat(periods.begunBy(day("2027-04-01"))).extracting(RoyaltyPeriod::number).containsExactly(1, 2);
    }

    @Test
    void aYearlyPeriodIsTheContractYear() {
        var periods = new RoyaltyPeriods(day("2027-03-01"), null, ReportingPeriod.YEAR, 45, day("2027-03-01"));
        assertThat(periods.period(1)).isEqualTo(new RoyaltyPeriod(1, day("2027-03-01"), day("2028-02-29"), 1, day("2028-04-14")));
        assertThat(periods.ofYear(2)).containsExactly(periods.period(2));
    }

    @Test
    void aPeriodThatEndedBeforeTheAccountOpenedIsDueAGraceAfterItOpened() {
        // a licence agreed to run from 1 January that took effect on 5 December
        var periods = new RoyaltyPeriods(day("2026-01-01"), null, ReportingPeriod.QUARTER, 30, day("2026-12-05"));
        assertThat(periods.period(1)).isEqualTo(new RoyaltyPeriod(1, day("2026-01-01"), day("2026-03-31"), 1, day("2027-01-04")));
        assertThat(periods.period(3).reportDueBy()).isEqualTo(day("2027-01-04"));
        assertThat(periods.period(4).reportDueBy()).isEqualTo(day("2027-01-30"));
    }

    @Test
    void aRoyaltyIsRoundedHalfUpToTheCurrencysMinorUnit() {
        // 3.5 % of 1 234 567 = 43 209.845 dong: VND has no minor unit, so 43 210
        assertThat(RoyaltyMath.royalty(Money.vnd(1_234_567), new BigDecimal("3.5"))).isEqualTo(new Money(new BigDecimal("43210"), "VND"));
        // 2.5 % of 1 000.30 = 25.0075 dollars: to the cent, 25.01
        assertThat(RoyaltyMath.royalty(Money.of(new BigDecimal("1000.30"), "USD"), new BigDecimal("2.5")))
                .isEqualTo(new Money(new BigDecimal("25.01"), "USD"));
        // 5 % of 10 dong = 0.5: half up, 1
        assertThat(RoyaltyMath.royalty(Money.vnd(10), new BigDecimal("5"))).isEqualTo(new Money(new BigDecimal("1"), "VND"));
        assertThat(RoyaltyMath.royalty(Money.vnd(0), new BigDecimal("5"))).isEqualTo(new Money(new BigDecimal("0"), "VND"));
        // yen have no minor unit either
        assertThat(RoyaltyMath.royalty(Money.of(new BigDecimal("999"), "JPY"), new BigDecimal("1.25")))
                .isEqualTo(new Money(new BigDecimal("12"), "JPY"));
    }

    @Test
    void aYearCutShortOwesTheMinimumProRataOfItsDays() {
        Money minimum = Money.vnd(50_000_000);
        assertThat(RoyaltyMath.minimumFor(minimum, day("2027-01-01"), day("2027-12-31"), day("2027-12-31"))).isEqualTo(minimum);
        // 2028 is a leap year: 136 of 366 days, 18 579 234.97... dong, rounded half up
        assertThat(RoyaltyMath.minimumFor(minimum, day("2028-01-01"), day("2028-05-15"), day("2028-12-31")))
                .isEqualTo(new Money(new BigDecimal("18579235"), "VND"));
    }
}

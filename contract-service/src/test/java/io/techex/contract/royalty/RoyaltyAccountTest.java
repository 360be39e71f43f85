package io.techex.contract.royalty;

import io.techex.contract.api.Milestone;
import io.techex.contract.api.MilestoneMet;
import io.techex.contract.api.MinimumRoyaltyToppedUp;
import io.techex.contract.api.Money;
import io.techex.contract.api.Royalty;
import io.techex.contract.api.RoyaltyPaid;
import io.techex.contract.api.RoyaltyReportOverdue;
import io.techex.contract.api.RoyaltyReported;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.axonframework.test.matchers.Matchers.matches;

/** The royalty account's every computation and refusal, given / when / then. */
class RoyaltyAccountTest {

    static final String CONTRACT = "5d0c1a7e-8a57-4a5e-9d53-7c2b7a0f7b11";
    static final String ACCOUNT = RoyaltyAccount.idOf(CONTRACT);
    static final String LISTING = "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13";
    static final String LICENSOR = "hust";
    static final String LICENSEE = "mekong-biotech";
    static final LocalDate FIRST = LocalDate.parse("2027-01-01");
    static final LocalDate LAST = LocalDate.parse("2028-12-31");
    static final Royalty ROYALTY = new Royalty(new BigDecimal("3.5"), Royalty.ReportingPeriod.QUARTER, Money.vnd(50_000_000));
    static final Milestone PILOT = new Milestone("pilot", "Pilot line running", LocalDate.parse("2027-06-30"), Money.vnd(200_000_000));
    static final Milestone LAUNCH = new Milestone("launch", "First commercial sale", null, null);
    static final Instant OPENED = Instant.parse("2027-01-01T02:00:00Z");
    /** After period 1 (Q1 2027) ended, before its report falls due (2027-04-30). */
    static final Instant APRIL = Instant.parse("2027-04-10T03:00:00Z");

    AggregateTestFixture<RoyaltyAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RoyaltyAccount.class);
    }

    static RoyaltyAccountOpened opened(Royalty royalty, LocalDate lastDay) {
        return new RoyaltyAccountOpened(ACCOUNT, CONTRACT, LISTING, LICENSOR, LICENSEE, "VND", royalty,
                List.of(PILOT, LAUNCH), FIRST, lastDay, 30, OPENED);
    }

    static RoyaltyAccountOpened opened() {
        return opened(ROYALTY, LAST);
    }

    static RoyaltyReported reported(int period, long netSales, long royalty, boolean late, Instant at) {
        LocalDate from = FIRST.plusMonths(3L * (period - 1));
        return new RoyaltyReported(CONTRACT, LISTING, LICENSEE, period, from, from.plusMonths(3).minusDays(1),
                Money.vnd(netSales), new BigDecimal("3.5"), new Money(BigDecimal.valueOf(royalty), "VND"), late, at);
    }

    static Money vnd(long amount) {
        return new Money(BigDecimal.valueOf(amount), "VND");
    }

    // ---- opening, and the deadline walk

    @Test
    void anAccountOpensWithTheFirstPeriodsReportDeadline() {
        fixture.givenNoPriorActivity()
                .when(new OpenRoyaltyAccount(CONTRACT, LISTING, LICENSOR, LICENSEE, "VND", ROYALTY, List.of(PILOT, LAUNCH),
                        FIRST, LAST, 30, OPENED))
                .expectEvents(opened())
                .expectScheduledDeadline(Instant.parse("2027-05-01T00:00:00Z"),
                        new RoyaltyReportDue(1, LocalDate.parse("2027-04-30")));
    }

    @Test
    void aReportNotInByTheEndOfItsDueDayIsFlaggedOverdueAndTheNextPeriodsDeadlineIsSet() {
        fixture.givenCommands(new OpenRoyaltyAccount(CONTRACT, LISTING, LICENSOR, LICENSEE, "VND", ROYALTY, List.of(),
                        FIRST, LAST, 30, OPENED))
                .whenTimeAdvancesTo(Instant.parse("2027-05-01T00:00:01Z"))
                .expectEvents(new RoyaltyReportOverdue(CONTRACT, LISTING, LICENSEE, 1, FIRST, LocalDate.parse("2027-03-31"),
                        LocalDate.parse("2027-04-30")))
                .expectScheduledDeadline(Instant.parse("2027-07-31T00:00:00Z"), new RoyaltyReportDue(2, LocalDate.parse("2027-07-30")));
    }

    @Test
    void aReportInOnTimeIsNotFlagged() {
        fixture.givenCommands(new OpenRoyaltyAccount(CONTRACT, LISTING, LICENSOR, LICENSEE, "VND", ROYALTY, List.of(),
                        FIRST, LAST, 30, OPENED),
                        new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.vnd(1_000_000), APRIL))
                .whenTimeAdvancesTo(Instant.parse("2027-05-01T00:00:01Z"))
                .expectNoEvents()
                .expectScheduledDeadline(Instant.parse("2027-07-31T00:00:00Z"), new RoyaltyReportDue(2, LocalDate.parse("2027-07-30")));
    }

    @Test
    void aLateReportIsStillTakenAndMarkedLate() {
        Instant june = Instant.parse("2027-06-02T03:00:00Z");
        fixture.given(opened(), new RoyaltyReportOverdue(CONTRACT, LISTING, LICENSEE, 1, FIRST, LocalDate.parse("2027-03-31"),
                        LocalDate.parse("2027-04-30")))
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.vnd(2_000_000), june))
                .expectEvents(reported(1, 2_000_000, 70_000, true, june));
    }

    @Test
    void theLastPeriodsDeadlineEndsTheWalk() {
        fixture.givenCommands(new OpenRoyaltyAccount(CONTRACT, LISTING, LICENSOR, LICENSEE, "VND", ROYALTY, List.of(),
                        FIRST, LocalDate.parse("2027-03-31"), 30, OPENED))
                .whenTimeAdvancesTo(Instant.parse("2027-05-01T00:00:01Z"))
                .expectEvents(new RoyaltyReportOverdue(CONTRACT, LISTING, LICENSEE, 1, FIRST, LocalDate.parse("2027-03-31"),
                        LocalDate.parse("2027-04-30")))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aTerminationCutsTheCurrentPeriodShortAndMovesItsDeadlineEarlier() {
        Instant closing = Instant.parse("2027-05-20T03:00:00Z");
        fixture.givenCommands(new OpenRoyaltyAccount(CONTRACT, LISTING, LICENSOR, LICENSEE, "VND", ROYALTY, List.of(),
                                FIRST, LAST, 30, OPENED),
                        new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.vnd(1_000_000), APRIL))
                .when(new CloseRoyaltyAccount(CONTRACT, LocalDate.parse("2027-05-15"), closing))
                .expectEvents(new RoyaltyAccountClosed(CONTRACT, LocalDate.parse("2027-05-15"), closing))
                .expectScheduledDeadline(Instant.parse("2027-06-15T00:00:00Z"), new RoyaltyReportDue(2, LocalDate.parse("2027-06-14")));
    }

    @Test
    void aLicenceAgreedToStartBeforeItTookEffectHasItsEndedPeriodsDueAGraceAfterItOpenedAndReportedOnTime() {
        // agreed from 1 January 2027, in effect from 1 June: quarter 1 ended before the account opened
        Instant june = Instant.parse("2027-06-01T08:00:00Z");
        fixture.givenNoPriorActivity()
                .when(new OpenRoyaltyAccount(CONTRACT, LISTING, LICENSOR, LICENSEE, "VND", ROYALTY, List.of(), FIRST, LAST, 30, june))
                .expectScheduledDeadline(Instant.parse("2027-07-02T00:00:00Z"), new RoyaltyReportDue(1, LocalDate.parse("2027-07-01")));
        Instant nextDay = june.plus(java.time.Duration.ofDays(1));
        fixture.given(new RoyaltyAccountOpened(ACCOUNT, CONTRACT, LISTING, LICENSOR, LICENSEE, "VND", ROYALTY, List.of(),
                        FIRST, LAST, 30, june))
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.vnd(1_000_000), nextDay))
                .expectEvents(reported(1, 1_000_000, 35_000, false, nextDay));
    }

    // ---- reports and what they compute

    @Test
    void theLicenseeReportsAPeriodThatEndedAndTheRoyaltyIsComputedHalfUpToTheDong() {
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.vnd(1_234_567), APRIL))
                .expectEvents(reported(1, 1_234_567, 43_210, false, APRIL));
    }

    @Test
    void aContractKeptInDollarsRoundsToTheCent() {
        var dollars = new RoyaltyAccountOpened(ACCOUNT, CONTRACT, LISTING, LICENSOR, LICENSEE, "USD",
                new Royalty(new BigDecimal("2.5"), Royalty.ReportingPeriod.QUARTER, null), List.of(), FIRST, null, 30, OPENED);
        fixture.given(dollars)
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.of(new BigDecimal("1000.30"), "USD"), APRIL))
                .expectEvents(new RoyaltyReported(CONTRACT, LISTING, LICENSEE, 1, FIRST, LocalDate.parse("2027-03-31"),
                        Money.of(new BigDecimal("1000.30"), "USD"), new BigDecimal("2.5"), new Money(new BigDecimal("25.01"), "USD"),
                        false, APRIL));
    }

    @Test
    void aPeriodWithoutSalesIsReportedAsZero() {
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.vnd(0), APRIL))
                .expectEvents(reported(1, 0, 0, false, APRIL));
    }

    List<Object> firstThreeQuartersReported() {
        return List.of(opened(), reported(1, 100_000_000, 3_500_000, false, APRIL),
                reported(2, 200_000_000, 7_000_000, false, Instant.parse("2027-07-10T00:00:00Z")),
                reported(3, 300_000_000, 10_500_000, false, Instant.parse("2027-10-10T00:00:00Z")));
    }

    @Test
    void theReportCompletingAContractYearTopsUpTheMinimumAnnualRoyaltyOntoTheYearsLastPeriod() {
        Instant january = Instant.parse("2028-01-10T00:00:00Z");
        fixture.given(firstThreeQuartersReported())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 4, Money.vnd(400_000_000), january))
                // 3.5 % of 1 000 000 000 = 35 000 000, below the 50 000 000 minimum
                .expectEvents(reported(4, 400_000_000, 14_000_000, false, january),
                        new MinimumRoyaltyToppedUp(CONTRACT, LISTING, 1, FIRST, LocalDate.parse("2027-12-31"),
                                Money.vnd(50_000_000), vnd(35_000_000), vnd(15_000_000), 4));
    }

    @Test
    void noTopUpWhenTheYearsRoyaltiesReachTheMinimum() {
        Instant january = Instant.parse("2028-01-10T00:00:00Z");
        fixture.given(firstThreeQuartersReported())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 4, Money.vnd(900_000_000), january))
                .expectEvents(reported(4, 900_000_000, 31_500_000, false, january));
    }

    @Test
    void aYearIsCompleteWhateverOrderItsPeriodsAreReportedIn() {
        Instant january = Instant.parse("2028-01-10T00:00:00Z");
        fixture.given(opened(), reported(1, 100_000_000, 3_500_000, false, APRIL),
                        reported(2, 200_000_000, 7_000_000, false, january), reported(4, 400_000_000, 14_000_000, false, january))
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 3, Money.vnd(300_000_000), january))
                .expectEvents(reported(3, 300_000_000, 10_500_000, true, january),
                        new MinimumRoyaltyToppedUp(CONTRACT, LISTING, 1, FIRST, LocalDate.parse("2027-12-31"),
                                Money.vnd(50_000_000), vnd(35_000_000), vnd(15_000_000), 4));
    }

    @Test
    void aYearCutShortByTerminationOwesTheMinimumProRataOnceItsLastPeriodIsReported() {
        // terminated with 2027-05-15 as the last day: year 1 is 135 of 365 days, 18 493 150.68... -> 18 493 151
        Instant june = Instant.parse("2027-06-01T00:00:00Z");
        fixture.given(opened(), reported(1, 100_000_000, 3_500_000, false, APRIL),
                        new RoyaltyAccountClosed(CONTRACT, LocalDate.parse("2027-05-15"), Instant.parse("2027-05-15T05:00:00Z")))
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 2, Money.vnd(10_000_000), june))
                .expectEvents(new RoyaltyReported(CONTRACT, LISTING, LICENSEE, 2, LocalDate.parse("2027-04-01"),
                                LocalDate.parse("2027-05-15"), Money.vnd(10_000_000), new BigDecimal("3.5"), vnd(350_000), false, june),
                        new MinimumRoyaltyToppedUp(CONTRACT, LISTING, 1, FIRST, LocalDate.parse("2027-05-15"),
                                vnd(18_493_151), vnd(3_850_000), vnd(14_643_151), 2));
    }

    @Test
    void aTerminationThatCompletesTheFinalYearTopsItUpThen() {
        Instant closing = Instant.parse("2027-07-01T05:00:00Z");
        fixture.given(opened(), reported(1, 100_000_000, 3_500_000, false, APRIL),
                        reported(2, 200_000_000, 7_000_000, false, Instant.parse("2027-07-01T00:00:00Z")))
                .when(new CloseRoyaltyAccount(CONTRACT, LocalDate.parse("2027-06-30"), closing))
                // year 1 held 181 of 365 days: 24 794 520.54... -> 24 794 521
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(org.hamcrest.Matchers.equalTo(
                                new RoyaltyAccountClosed(CONTRACT, LocalDate.parse("2027-06-30"), closing))),
                        org.axonframework.test.matchers.Matchers.messageWithPayload(org.hamcrest.Matchers.equalTo(
                                new MinimumRoyaltyToppedUp(CONTRACT, LISTING, 1, FIRST, LocalDate.parse("2027-06-30"),
                                        vnd(24_794_521), vnd(10_500_000), vnd(14_294_521), 2))),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }

    // ---- refusals of reports

    @Test
    void toAnOrganisationThatIsNotAPartyTheAccountDoesNotExist() {
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, "hcmut", 1, Money.vnd(1), APRIL))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
        fixture.given(opened())
                .when(new RecordPayment(CONTRACT, "hcmut", 1, null, Money.vnd(1), LocalDate.parse("2027-04-10"), null, APRIL))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void onlyTheLicenseeReports() {
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, LICENSOR, 1, Money.vnd(1), APRIL))
                .expectException(violation("licensee-reports"))
                .expectNoEvents();
    }

    @Test
    void aPeriodIsReportedOnlyOnceItEnded() {
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.vnd(1), Instant.parse("2027-03-31T23:59:59Z")))
                .expectException(violation("period-not-ended"))
                .expectNoEvents();
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 2, Money.vnd(1), APRIL))
                .expectException(violation("period-not-ended"));
    }

    @Test
    void aPeriodIsReportedOnce() {
        fixture.given(opened(), reported(1, 1_000_000, 35_000, false, APRIL))
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.vnd(2_000_000), APRIL))
                .expectException(violation("period-already-reported"))
                .expectNoEvents();
    }

    @Test
    void netSalesAreNotNegativeAndAreInTheContractsCurrencyToItsMinorUnit() {
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.vnd(-1), APRIL))
                .expectException(violation("invalid-net-sales"))
                .expectNoEvents();
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.of(new BigDecimal("100"), "USD"), APRIL))
                .expectException(violation("invalid-net-sales-currency"))
                .expectNoEvents();
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.of(new BigDecimal("100.5"), "VND"), APRIL))
                .expectException(violation("invalid-net-sales"));
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, null, APRIL))
                .expectException(violation("invalid-net-sales"));
    }

    @Test
    void thereIsNoPeriodBeforeTheFirstOrAfterTheLicencesLastDay() {
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 0, Money.vnd(1), APRIL))
                .expectException(violation("invalid-period-number"));
        fixture.given(opened())
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 9, Money.vnd(1), Instant.parse("2030-01-01T00:00:00Z")))
                .expectException(violation("invalid-period-number"));
    }

    @Test
    void anAccountWithMilestonesOnlyTakesNoReports() {
        fixture.given(opened(null, null))
                .when(new ReportRoyalty(CONTRACT, LICENSEE, 1, Money.vnd(1), APRIL))
                .expectException(violation("no-running-royalty"));
    }

    // ---- milestones

    @Test
    void theLicensorConfirmsAMilestoneAndItsPaymentFallsDue() {
        Instant at = Instant.parse("2027-06-16T08:30:00Z");
        fixture.given(opened())
                .when(new MarkMilestoneMet(CONTRACT, LICENSOR, "pilot", LocalDate.parse("2027-06-15"), " Visited ", at))
                .expectEvents(new MilestoneMet(CONTRACT, LISTING, "pilot", "Pilot line running", LocalDate.parse("2027-06-15"),
                        Money.vnd(200_000_000), "Visited", LICENSOR, at));
    }

    @Test
    void aMilestoneIsMetOnceByTheLicensorOnADayThatHasCome() {
        Instant at = Instant.parse("2027-06-16T08:30:00Z");
        MilestoneMet met = new MilestoneMet(CONTRACT, LISTING, "pilot", "Pilot line running", LocalDate.parse("2027-06-15"),
                Money.vnd(200_000_000), null, LICENSOR, at);
        fixture.given(opened(), met)
                .when(new MarkMilestoneMet(CONTRACT, LICENSOR, "pilot", LocalDate.parse("2027-06-15"), null, at))
                .expectException(violation("milestone-already-met"));
        fixture.given(opened())
                .when(new MarkMilestoneMet(CONTRACT, LICENSEE, "pilot", LocalDate.parse("2027-06-15"), null, at))
                .expectException(violation("licensor-only"));
        fixture.given(opened())
                .when(new MarkMilestoneMet(CONTRACT, LICENSOR, "no-such", LocalDate.parse("2027-06-15"), null, at))
                .expectException(violation("invalid-milestone-id"));
        fixture.given(opened())
                .when(new MarkMilestoneMet(CONTRACT, LICENSOR, "pilot", LocalDate.parse("2027-06-17"), null, at))
                .expectException(violation("invalid-met-on"));
    }

    // ---- payments

    @Test
    void theLicensorRecordsPaymentsAgainstAReportedPeriodUpToWhatIsOutstanding() {
        Instant at = Instant.parse("2027-04-21T02:00:00Z");
        fixture.given(opened(), reported(1, 1_234_567, 43_210, false, APRIL))
                .when(new RecordPayment(CONTRACT, LICENSOR, 1, null, Money.vnd(40_000), LocalDate.parse("2027-04-20"), "VCB-1", at))
                .expectEvents(new RoyaltyPaid(CONTRACT, LISTING, 1, 1, null, vnd(40_000), LocalDate.parse("2027-04-20"), "VCB-1", LICENSOR, at));
        fixture.given(opened(), reported(1, 1_234_567, 43_210, false, APRIL),
                        new RoyaltyPaid(CONTRACT, LISTING, 1, 1, null, vnd(40_000), LocalDate.parse("2027-04-20"), null, LICENSOR, at))
                .when(new RecordPayment(CONTRACT, LICENSOR, 1, null, Money.vnd(3_211), LocalDate.parse("2027-04-21"), null, at))
                .expectException(violation("payment-exceeds-outstanding"))
                .expectNoEvents();
    }

    @Test
    void aPaymentOnTheYearsLastPeriodCoversItsTopUp() {
        Instant january = Instant.parse("2028-01-10T00:00:00Z");
        List<Object> history = new ArrayList<>(firstThreeQuartersReported());
        history.add(reported(4, 400_000_000, 14_000_000, false, january));
        history.add(new MinimumRoyaltyToppedUp(CONTRACT, LISTING, 1, FIRST, LocalDate.parse("2027-12-31"),
                Money.vnd(50_000_000), vnd(35_000_000), vnd(15_000_000), 4));
        fixture.given(history)
                .when(new RecordPayment(CONTRACT, LICENSOR, 4, null, Money.vnd(29_000_000), LocalDate.parse("2028-01-10"), null, january))
                .expectEvents(new RoyaltyPaid(CONTRACT, LISTING, 1, 4, null, vnd(29_000_000), LocalDate.parse("2028-01-10"), null, LICENSOR, january));
    }

    @Test
    void aMilestonePaymentIsRecordedOnceTheMilestoneIsMet() {
        Instant at = Instant.parse("2027-06-20T00:00:00Z");
        MilestoneMet met = new MilestoneMet(CONTRACT, LISTING, "pilot", "Pilot line running", LocalDate.parse("2027-06-15"),
                Money.vnd(200_000_000), null, LICENSOR, at);
        fixture.given(opened(), met)
                .when(new RecordPayment(CONTRACT, LICENSOR, null, "pilot", Money.vnd(200_000_000), LocalDate.parse("2027-06-20"), null, at))
                .expectEvents(new RoyaltyPaid(CONTRACT, LISTING, 1, null, "pilot", vnd(200_000_000), LocalDate.parse("2027-06-20"), null, LICENSOR, at));
        fixture.given(opened())
                .when(new RecordPayment(CONTRACT, LICENSOR, null, "pilot", Money.vnd(1), LocalDate.parse("2027-06-20"), null, at))
                .expectException(violation("milestone-not-met"));
        fixture.given(opened(), new MilestoneMet(CONTRACT, LISTING, "launch", "First commercial sale", LocalDate.parse("2027-06-15"),
                        null, null, LICENSOR, at))
                .when(new RecordPayment(CONTRACT, LICENSOR, null, "launch", Money.vnd(1), LocalDate.parse("2027-06-20"), null, at))
                .expectException(violation("payment-exceeds-outstanding"));
    }

    @Test
    void aPaymentIsRefusedWhenItIsNotTheLicensorsNorAgainstOneThingNorPositiveNorInTheContractsCurrencyNorReceivedYet() {
        LocalDate paidOn = LocalDate.parse("2027-04-10");
        List<Object> reportedOne = List.of(opened(), reported(1, 1_000_000, 35_000, false, APRIL));
        fixture.given(reportedOne)
                .when(new RecordPayment(CONTRACT, LICENSEE, 1, null, Money.vnd(1), paidOn, null, APRIL))
                .expectException(violation("licensor-only"));
        fixture.given(reportedOne)
                .when(new RecordPayment(CONTRACT, LICENSOR, 1, "pilot", Money.vnd(1), paidOn, null, APRIL))
                .expectException(violation("invalid-period-number"));
        fixture.given(reportedOne)
                .when(new RecordPayment(CONTRACT, LICENSOR, 1, null, Money.vnd(0), paidOn, null, APRIL))
                .expectException(violation("invalid-amount"));
        fixture.given(reportedOne)
                .when(new RecordPayment(CONTRACT, LICENSOR, 1, null, Money.of(BigDecimal.ONE, "EUR"), paidOn, null, APRIL))
                .expectException(violation("invalid-amount-currency"));
        fixture.given(reportedOne)
                .when(new RecordPayment(CONTRACT, LICENSOR, 1, null, Money.vnd(1), LocalDate.parse("2027-04-11"), null, APRIL))
                .expectException(violation("invalid-paid-on"));
        fixture.given(reportedOne)
                .when(new RecordPayment(CONTRACT, LICENSOR, 2, null, Money.vnd(1), paidOn, null, APRIL))
                .expectException(violation("period-not-reported"));
    }

    private static org.hamcrest.Matcher<Exception> violation(String code) {
        return matches(e -> e instanceof RuleViolation v && v.code().equals(code));
    }
}

package io.techex.contract.agreement;

import io.techex.contract.api.ContractActivated;
import io.techex.contract.api.ContractCreated;
import io.techex.contract.api.ContractSigned;
import io.techex.contract.api.ContractTerminated;
import io.techex.contract.api.ContractTerminated.TerminationReason;
import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.DealType;
import io.techex.contract.api.LicenceTerms;
import io.techex.contract.api.Milestone;
import io.techex.contract.api.Money;
import io.techex.contract.api.OptionExercised;
import io.techex.contract.api.OptionLapsed;
import io.techex.contract.api.RegulatoryCategory;
import io.techex.contract.api.Royalty;
import io.techex.contract.rights.RightsClaim;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.techex.contract.agreement.ContractTest.BUYER;
import static io.techex.contract.agreement.ContractTest.ID;
import static io.techex.contract.agreement.ContractTest.LISTING;
import static io.techex.contract.agreement.ContractTest.NOW;
import static io.techex.contract.agreement.ContractTest.SELLER;
import static io.techex.contract.agreement.ContractTest.TITLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.matches;

/**
 * An option's every path, given / when / then: its terms, taking effect with its lapse scheduled, exercise by its
 * holder while in force into the licence it fixed, lapse at its end, and the two racing: whichever the aggregate
 * handles first wins and the other is a clean 409 or nothing at all.
 */
class OptionTest {

    static final LocalDate FIRST_DAY = LocalDate.parse("2027-01-01");
    static final LocalDate LAST_DAY = LocalDate.parse("2027-06-30");
    /** The lapse deadline: the start (UTC) of the day after the last. */
    static final Instant LAPSE = Instant.parse("2027-07-01T00:00:00Z");
    static final LicenceTerms LICENCE = new LicenceTerms(DealType.EXCLUSIVE_LICENCE, 60, Money.vnd(800_000_000L),
            new Royalty(new BigDecimal("3.5"), Royalty.ReportingPeriod.QUARTER, Money.vnd(120_000_000L)),
            List.of(new Milestone("m1", "first commercial sale", null, Money.vnd(200_000_000L))));
    /** Six months to evaluate the technology in textile wastewater in Vietnam, for 100 million VND. */
    static final ContractTerms OPTION = new ContractTerms(DealType.OPTION, "textile wastewater", "VN", null, null, 6,
            Money.vnd(100_000_000L), null, List.of(), "The law of Vietnam; disputes to VIAC.", LICENCE);
    static final String LICENCE_ID = Contract.licenceContractIdOf(ID);

    final Signer hust = Signer.generate("hust-2026");
    final Signer mekong = Signer.generate("mekong-1");
    AggregateTestFixture<Contract> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contract.class);
    }

    static String sha(String contractId, ContractTerms terms) {
        return new ContractDocument(contractId, LISTING, SELLER, BUYER, "Nano dye treatment", TITLES, terms, 1).sha256();
    }

    static ContractCreated created(ContractTerms terms) {
        return new ContractCreated(ID, LISTING, "deal-1", SELLER, BUYER, "Nano dye treatment", TITLES,
                RegulatoryCategory.ORDINARY, false, terms, 1, sha(ID, terms), NOW);
    }

    static CreateContract create(ContractTerms terms) {
        return new CreateContract(ID, LISTING, "deal-1", SELLER, BUYER, "Nano dye treatment", TITLES,
                RegulatoryCategory.ORDINARY, false, terms, NOW);
    }

    /** The option signed by both, domestic and ordinary: ready to take effect. */
    static List<Object> signed() {
        return List.of(created(OPTION),
                new ContractSigned(ID, LISTING, SELLER, 1, sha(ID, OPTION), "k", "p", "s", "VN", NOW),
                new ContractSigned(ID, LISTING, BUYER, 1, sha(ID, OPTION), "k", "p", "s", "VN", NOW),
                new LegalPathDetermined(ID, LISTING, "VN", "VN", false, false, List.of("rule"), null));
    }

    static ContractActivated activated() {
        return new ContractActivated(ID, LISTING, SELLER, BUYER, DealType.OPTION, "textile wastewater", "VN",
                FIRST_DAY, LAST_DAY, 1, NOW);
    }

    static List<Object> inForce() {
        List<Object> events = new ArrayList<>(signed());
        events.add(activated());
        return events;
    }

    /** The licence the option fixed: its field and territory, the licence's type, term, price and royalty. */
    static final ContractTerms LICENCE_TERMS = new ContractTerms(DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN",
            null, null, 60, Money.vnd(800_000_000L), LICENCE.royalty(), LICENCE.milestones(),
            "The law of Vietnam; disputes to VIAC.");

    static Matcher<Throwable> refused(String code, String detail) {
        return matches(thrown -> thrown instanceof RuleViolation violation && code.equals(violation.code())
                && violation.getMessage().contains(detail));
    }

    static Matcher<Throwable> refusedAt(String field) {
        return matches(thrown -> thrown instanceof RuleViolation violation && field.equals(violation.field()));
    }

    // ---- terms

    @Test
    void anOptionIsDrawnUpWithItsFeeItsPeriodAndTheLicenceItFixes() {
        fixture.givenNoPriorActivity()
                .when(create(OPTION))
                .expectEvents(created(OPTION));
        String document = new ContractDocument(ID, LISTING, SELLER, BUYER, "Nano dye treatment", TITLES, OPTION, 1).markdown();
        assertThat(document).contains("- Grantor: hust", "- Holder: mekong-biotech", "- Deal: OPTION", "## Licence on exercise",
                "- Deal: EXCLUSIVE_LICENCE", "- Until: 60 months from the first day", "- Lump sum: 800000000 VND",
                "- Royalty: 3.5% of net sales per QUARTER, at least 120000000 VND a year");
    }

    @Test
    void anOptionRunsForAPeriodAndFixesALicenceThatOnlyAnOptionFixes() {
        assertRefused(new ContractTerms(DealType.OPTION, null, "VN", null, null, 6, Money.vnd(1), null, List.of(), null, null),
                "terms.licenceOnExercise");
        assertRefused(new ContractTerms(DealType.OPTION, null, "VN", null, null, null, Money.vnd(1), null, List.of(), null, LICENCE),
                "terms.termMonths");
        assertRefused(new ContractTerms(DealType.OPTION, null, "VN", null, null, 6, Money.vnd(1), null, List.of(), null,
                new LicenceTerms(DealType.ASSIGNMENT, null, Money.vnd(1), null, List.of())), "terms.licenceOnExercise.dealType");
        assertRefused(new ContractTerms(DealType.OPTION, null, "VN", null, null, 6, Money.vnd(1), null, List.of(), null,
                new LicenceTerms(DealType.EXCLUSIVE_LICENCE, null, Money.of(BigDecimal.TEN, "USD"), null, List.of())),
                "terms.licenceOnExercise.price");
        assertRefused(new ContractTerms(DealType.OPTION, null, "VN", null, null, 6, Money.vnd(1),
                new Royalty(BigDecimal.ONE, Royalty.ReportingPeriod.YEAR, null), List.of(), null, LICENCE), "terms.royalty");
        assertRefused(new ContractTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", null, null, 6, Money.vnd(1), null, List.of(),
                null, LICENCE), "terms.licenceOnExercise");
    }

    private void assertRefused(ContractTerms terms, String field) {
        fixture.givenNoPriorActivity()
                .when(create(terms))
                .expectException(refusedAt(field))
                .expectNoEvents();
    }

    // ---- in force

    @Test
    void anOptionTakesEffectWithItsLapseScheduledForTheStartOfTheDayAfterItsLastDay() {
        fixture.given(signed())
                .when(new ActivateContract(ID, FIRST_DAY, LAST_DAY, NOW))
                .expectEvents(activated())
                .expectScheduledDeadline(LAPSE, new OptionEndDue(LAST_DAY));
    }

    // ---- exercise

    @Test
    void itsHolderExercisesItInForceAndIsAnsweredWithTheLicenceItFixed() {
        Instant at = Instant.parse("2027-03-15T02:10:00Z");
        fixture.given(inForce())
                .when(new ExerciseOption(ID, BUYER, at))
                .expectEvents(new OptionExercised(ID, LISTING, SELLER, BUYER, LICENCE_ID, LocalDate.parse("2027-03-15"), at))
                .expectResultMessagePayload(new CreateContract(LICENCE_ID, LISTING, "deal-1", SELLER, BUYER,
                        "Nano dye treatment", TITLES, RegulatoryCategory.ORDINARY, false, LICENCE_TERMS, at, ID));
        assertThat(LICENCE_ID).isEqualTo(Contract.licenceContractIdOf(ID)).isNotEqualTo(ID);
    }

    @Test
    void itIsExercisedOnItsFirstAndOnItsLastDayToTheLastSecond() {
        fixture.given(inForce())
                .when(new ExerciseOption(ID, BUYER, FIRST_DAY.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                .expectSuccessfulHandlerExecution();
        fixture.given(inForce())
                .when(new ExerciseOption(ID, BUYER, LAPSE.minusSeconds(1)))
                .expectEvents(new OptionExercised(ID, LISTING, SELLER, BUYER, LICENCE_ID, LAST_DAY, LAPSE.minusSeconds(1)));
    }

    @Test
    void onlyItsHolderExercisesItAndToOthersItDoesNotExist() {
        fixture.given(inForce())
                .when(new ExerciseOption(ID, SELLER, NOW))
                .expectException(refused("not-the-option-holder", ""))
                .expectNoEvents();
        fixture.given(inForce())
                .when(new ExerciseOption(ID, "someone-else", NOW))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aLicenceIsNoOption() {
        fixture.given(new ContractCreated(ID, LISTING, "deal-1", SELLER, BUYER, "Nano dye treatment", TITLES,
                        RegulatoryCategory.ORDINARY, false, LICENCE_TERMS, 1, sha(ID, LICENCE_TERMS), NOW))
                .when(new ExerciseOption(ID, BUYER, NOW))
                .expectException(refused("not-an-option", ""));
    }

    @Test
    void anOptionNotInForceIsNotExercised() {
        // still being signed
        fixture.given(created(OPTION))
                .when(new ExerciseOption(ID, BUYER, Instant.parse("2027-03-15T00:00:00Z")))
                .expectException(refused("option-not-in-force", ""))
                .expectNoEvents();
        // before its period starts
        fixture.given(inForce())
                .when(new ExerciseOption(ID, BUYER, Instant.parse("2026-12-31T23:59:59Z")))
                .expectException(refused("option-not-in-force", "its period starts on 2027-01-01"))
                .expectNoEvents();
        // ended by agreement
        fixture.given(inForce())
                .andGiven(new ContractTerminated(ID, LISTING, TerminationReason.AGREEMENT, null, LocalDate.parse("2027-02-28"), NOW))
                .when(new ExerciseOption(ID, BUYER, Instant.parse("2027-03-15T00:00:00Z")))
                .expectException(refused("option-not-in-force", ""))
                .expectNoEvents();
    }

    @Test
    void anOptionIsExercisedOnce() {
        Instant at = Instant.parse("2027-03-15T02:10:00Z");
        fixture.given(inForce())
                .andGiven(new OptionExercised(ID, LISTING, SELLER, BUYER, LICENCE_ID, LocalDate.parse("2027-03-15"), at))
                .when(new ExerciseOption(ID, BUYER, at.plusSeconds(5)))
                .expectException(refused("option-not-in-force", "exercised already"))
                .expectNoEvents();
    }

    // ---- lapse

    @Test
    void unexercisedItLapsesByItselfAtTheStartOfTheDayAfterItsLastDay() {
        fixture.given(signed())
                .andGivenCommands(new ActivateContract(ID, FIRST_DAY, LAST_DAY, NOW))
                .whenTimeAdvancesTo(LAPSE.minusSeconds(1))
                .expectNoEvents();
        fixture.given(signed())
                .andGivenCommands(new ActivateContract(ID, FIRST_DAY, LAST_DAY, NOW))
                .whenTimeAdvancesTo(LAPSE)
                .expectEvents(new OptionLapsed(ID, LISTING, SELLER, BUYER, LAST_DAY, LAPSE));
    }

    @Test
    void anOptionEndedByAgreementDoesNotLapseAndNoOptionExpiresByCommand() {
        fixture.given(signed())
                .andGivenCommands(new ActivateContract(ID, FIRST_DAY, LAST_DAY, NOW),
                        new TerminateContract(ID, SELLER, TerminationReason.AGREEMENT, null, LocalDate.parse("2027-02-28"), NOW),
                        new TerminateContract(ID, BUYER, TerminationReason.AGREEMENT, null, LocalDate.parse("2027-02-28"), NOW))
                .whenTimeAdvancesTo(LAPSE)
                .expectNoEvents();
        fixture.given(inForce())
                .when(new TerminateContract(ID, BUYER, TerminationReason.EXPIRY, null, LAST_DAY, NOW))
                .expectException(refusedAt("reason"))
                .expectNoEvents();
    }

    // ---- exercise racing lapse: one aggregate, so one of them comes first

    @Test
    void exercisedFirstTheLapseThatFollowsDoesNothing() {
        fixture.given(signed())
                .andGivenCommands(new ActivateContract(ID, FIRST_DAY, LAST_DAY, NOW),
                        new ExerciseOption(ID, BUYER, LAPSE.minusMillis(1)))
                .whenTimeAdvancesTo(LAPSE)
                .expectNoEvents();
    }

    @Test
    void lapsedFirstTheExerciseThatFollowsIsAConflict() {
        fixture.given(inForce())
                .andGiven(new OptionLapsed(ID, LISTING, SELLER, BUYER, LAST_DAY, LAPSE))
                .when(new ExerciseOption(ID, BUYER, LAPSE.plusMillis(1)))
                .expectException(refused("option-not-in-force", "it lapsed at the end of its period, 2027-06-30"))
                .expectNoEvents();
    }

    /** The deadline may run a little late; an exercise after the last day is too late all the same. */
    @Test
    void anExerciseAfterTheLastDayIsRefusedEvenBeforeTheLapseIsRecorded() {
        fixture.given(inForce())
                .when(new ExerciseOption(ID, BUYER, LAPSE))
                .expectException(refused("option-not-in-force", "its period ended on 2027-06-30"))
                .expectNoEvents();
    }

    // ---- the licence drawn up

    @Test
    void theLicenceFromAnExerciseNamesItsOptionAndClaimsItsRightsThroughIt() {
        CreateContract licence = new CreateContract(LICENCE_ID, LISTING, "deal-1", SELLER, BUYER, "Nano dye treatment",
                TITLES, RegulatoryCategory.ORDINARY, false, LICENCE_TERMS, NOW, ID);
        ContractCreated licenceCreated = new ContractCreated(LICENCE_ID, LISTING, "deal-1", SELLER, BUYER,
                "Nano dye treatment", TITLES, RegulatoryCategory.ORDINARY, false, LICENCE_TERMS, 1,
                sha(LICENCE_ID, LICENCE_TERMS), NOW, ID);
        AggregateTestFixture<Contract> licences = new AggregateTestFixture<>(Contract.class);
        licences.givenNoPriorActivity().when(licence).expectEvents(licenceCreated);
        String sha = sha(LICENCE_ID, LICENCE_TERMS);
        licences.given(licenceCreated, new ContractSigned(LICENCE_ID, LISTING, SELLER, 1, sha, hust.keyId(),
                        hust.publicKey(), hust.sign(sha), "VN", NOW))
                .when(new SignContract(LICENCE_ID, BUYER, "VN", mekong.keyId(), mekong.publicKey(), mekong.sign(sha), sha, NOW))
                .expectResultMessagePayload(new ContractProgress(LICENCE_ID, ContractStatus.READY, new RightsClaim(LICENCE_ID,
                        LISTING, SELLER, BUYER, DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN", null, null, 60, ID)));
    }
}

package io.techex.contract.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contract.api.ContractActivated;
import io.techex.contract.api.ContractAmended;
import io.techex.contract.api.ContractCreated;
import io.techex.contract.api.ContractRegistered;
import io.techex.contract.api.ContractSigned;
import io.techex.contract.api.ContractTerminated;
import io.techex.contract.api.ContractTerminated.TerminationReason;
import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.DealType;
import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.Milestone;
import io.techex.contract.api.Money;
import io.techex.contract.api.OwnershipTransferred;
import io.techex.contract.api.RegistrationRefused;
import io.techex.contract.api.RegulatoryCategory;
import io.techex.contract.api.RegulatoryDecisionOverdue;
import io.techex.contract.api.RegulatoryDecisionRequested;
import io.techex.contract.api.Royalty;
import io.techex.contract.api.TermChange;
import io.techex.contract.api.TransferPermitGranted;
import io.techex.contract.api.TransferPermitRefused;
import io.techex.contract.legal.TransferLaw;
import io.techex.contract.rights.RightsClaim;
import io.techex.contracts.EventJson;
import io.techex.platform.rules.RuleViolation;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.andNoMore;

/** The contract's every path and refusal, given / when / then. */
class ContractTest {

    static final String ID = "5d0c1a7e-8a57-4a5e-9d53-7c2b7a0f7b11";
    static final String LISTING = "0b8f7a52-3c1e-4d8a-9f54-2a7c1e0d9b13";
    static final String SELLER = "hust";
    static final String BUYER = "mekong-biotech";
    static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    static final List<IpTitleRef> TITLES = List.of(new IpTitleRef("VN", "1-0023456"));
    static final ContractTerms EXCLUSIVE = new ContractTerms(DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN",
            LocalDate.parse("2027-01-01"), LocalDate.parse("2031-12-31"), null, Money.vnd(1_500_000_000L),
            new Royalty(new BigDecimal("3.5"), Royalty.ReportingPeriod.QUARTER, Money.vnd(50_000_000L)),
            List.of(new Milestone("pilot", "Pilot line running", LocalDate.parse("2027-06-30"), Money.vnd(200_000_000L))),
            "The law of Vietnam; disputes to VIAC.");
    static final ContractTerms ASSIGNMENT = new ContractTerms(DealType.ASSIGNMENT, null, null, null, null, null,
            Money.vnd(9_000_000_000L), null, List.of(), null);

    final Signer hust = Signer.generate("hust-2026");
    final Signer mekong = Signer.generate("mekong-1");
    AggregateTestFixture<Contract> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Contract.class);
    }

    static String sha(ContractTerms terms, int version) {
        return new ContractDocument(ID, LISTING, SELLER, BUYER, "Nano dye treatment", TITLES, terms, version).sha256();
    }

    static ContractCreated created(ContractTerms terms, RegulatoryCategory category, boolean stateFunded) {
        return new ContractCreated(ID, LISTING, "deal-1", SELLER, BUYER, "Nano dye treatment", TITLES, category,
                stateFunded, terms, 1, sha(terms, 1), NOW);
    }

    ContractSigned signed(Signer signer, String organisation, String country, ContractTerms terms, int version) {
        String sha = sha(terms, version);
        return new ContractSigned(ID, LISTING, organisation, version, sha, signer.keyId(), signer.publicKey(),
                signer.sign(sha), country, NOW);
    }

    SignContract sign(Signer signer, String organisation, String country, String sha) {
        return new SignContract(ID, organisation, country, signer.keyId(), signer.publicKey(), signer.sign(sha), null, NOW);
    }

    // ---- creation

    @Test
    void aContractIsCreatedFromADealWithVersionOneAndItsDocumentHash() {
        fixture.givenNoPriorActivity()
                .when(new CreateContract(ID, LISTING, "deal-1", SELLER, BUYER, "Nano dye treatment", TITLES,
                        RegulatoryCategory.ORDINARY, false, EXCLUSIVE, NOW))
                .expectEvents(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false));
        assertThat(sha(EXCLUSIVE, 1)).matches("[0-9a-f]{64}").isNotEqualTo(sha(EXCLUSIVE, 2));
    }

    @Test
    void noContractIsCreatedForAProhibitedTechnology() {
        fixture.givenNoPriorActivity()
                .when(new CreateContract(ID, LISTING, "deal-1", SELLER, BUYER, "x", TITLES,
                        RegulatoryCategory.PROHIBITED, false, EXCLUSIVE, NOW))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("prohibited"))
                .expectNoEvents();
    }

    @Test
    void termsAreCheckedOnCreation() {
        var mixedCurrencies = new ContractTerms(DealType.NON_EXCLUSIVE_LICENCE, null, "VN", null, null, null,
                Money.of(new BigDecimal("10000"), "USD"), null,
                List.of(new Milestone("m", "x", LocalDate.parse("2027-01-01"), Money.vnd(5))), null);
        fixture.givenNoPriorActivity()
                .when(new CreateContract(ID, LISTING, "deal-1", SELLER, BUYER, "x", TITLES, RegulatoryCategory.ORDINARY,
                        false, mixedCurrencies, NOW))
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("in its price's currency, USD"));
        var assignmentWithTerritory = new ContractTerms(DealType.ASSIGNMENT, null, "VN", null, null, null, Money.vnd(1), null, List.of(), null);
        fixture.givenNoPriorActivity()
                .when(new CreateContract(ID, LISTING, "deal-1", SELLER, BUYER, "x", TITLES, RegulatoryCategory.ORDINARY,
                        false, assignmentWithTerritory, NOW))
                .expectException(RuleViolation.class);
    }

    // ---- drafting

    /** EXCLUSIVE from 2026-01-01, at 4 % with no minimum, the pilot due later and paying more, and a launch milestone. */
    static final ContractTerms AMENDED = new ContractTerms(EXCLUSIVE.dealType(), EXCLUSIVE.fieldOfUse(), EXCLUSIVE.territory(),
            LocalDate.parse("2026-01-01"), EXCLUSIVE.termEnd(), null, EXCLUSIVE.price(),
            new Royalty(new BigDecimal("4"), Royalty.ReportingPeriod.QUARTER, null),
            List.of(new Milestone("pilot", "Pilot line running", LocalDate.parse("2027-09-30"), Money.vnd(250_000_000L)),
                    new Milestone("launch", "First commercial sale", null, null)),
            EXCLUSIVE.governingTerms());

    static ContractAmended amended(ContractTerms before, ContractTerms after, String proposedBy, String acceptedBy) {
        return new ContractAmended(ID, LISTING, 1, proposedBy, acceptedBy, 1, sha(before, 1), 2, sha(after, 2),
                TermChanges.between(before, after), after, NOW);
    }

    static JsonNode json(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    @Test
    void aPartyProposesAnAmendmentAndTheOtherAcceptsItAsTheNextVersionNamingEveryTermItChanged() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false),
                        new AmendmentProposed(ID, 1, BUYER, AMENDED))
                .when(new AcceptAmendment(ID, SELLER, 1, NOW))
                .expectEvents(new ContractAmended(ID, LISTING, 1, BUYER, SELLER, 1, sha(EXCLUSIVE, 1), 2, sha(AMENDED, 2),
                        List.of(new TermChange("termStart", json("\"2027-01-01\""), json("\"2026-01-01\"")),
                                new TermChange("royalty.ratePercent", json("\"3.5\""), json("\"4\"")),
                                new TermChange("royalty.minimumPerYear", json("{\"amount\": \"50000000\", \"currency\": \"VND\"}"), null),
                                new TermChange("milestones[pilot].dueDate", json("\"2027-06-30\""), json("\"2027-09-30\"")),
                                new TermChange("milestones[pilot].payment", json("{\"amount\": \"200000000\", \"currency\": \"VND\"}"),
                                        json("{\"amount\": \"250000000\", \"currency\": \"VND\"}")),
                                new TermChange("milestones[launch]", null,
                                        json("{\"milestoneId\": \"launch\", \"description\": \"First commercial sale\"}"))),
                        AMENDED, NOW));
    }

    @Test
    void milestonesOnlyReorderedAreOneChangeOfTheirOrder() {
        var twoMilestones = new ContractTerms(EXCLUSIVE.dealType(), null, null, null, null, null, EXCLUSIVE.price(), null,
                AMENDED.milestones(), null);
        var reordered = new ContractTerms(EXCLUSIVE.dealType(), null, null, null, null, null, EXCLUSIVE.price(), null,
                List.of(AMENDED.milestones().get(1), AMENDED.milestones().get(0)), null);
        assertThat(TermChanges.between(twoMilestones, reordered)).extracting(TermChange::field).containsExactly("milestones");
        assertThat(TermChanges.between(twoMilestones, twoMilestones)).isEmpty();
    }

    @Test
    void theVersionInForceIsTheAmendedOneBothSignedAndItsTermsAreTheRightsClaimed() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false),
                        signed(hust, SELLER, "VN", EXCLUSIVE, 1),
                        new AmendmentProposed(ID, 1, BUYER, AMENDED),
                        amended(EXCLUSIVE, AMENDED, BUYER, SELLER),
                        signed(mekong, BUYER, "VN", AMENDED, 2))
                // the seller's signature of version 1 no longer counts: the contract waits for its signature of version 2
                .when(sign(hust, SELLER, "VN", sha(AMENDED, 2)))
                .expectResultMessagePayload(new ContractProgress(ID, ContractStatus.READY, new RightsClaim(ID, LISTING,
                        SELLER, BUYER, DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN",
                        LocalDate.parse("2026-01-01"), LocalDate.parse("2031-12-31"), null)));
    }

    @Test
    void onceBothSignedTheContractIsNoLongerAmendedAndAPendingAmendmentLapses() {
        List<Object> signedWithAmendmentPending = List.of(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false),
                new AmendmentProposed(ID, 1, BUYER, AMENDED),
                signed(hust, SELLER, "VN", EXCLUSIVE, 1), signed(mekong, BUYER, "VN", EXCLUSIVE, 1),
                new LegalPathDetermined(ID, LISTING, "VN", "VN", false, false, List.of("rule"), null));
        fixture.given(signedWithAmendmentPending)
                .when(new AcceptAmendment(ID, SELLER, 1, NOW))
                .expectException(matches(e -> e instanceof RuleViolation v && v.code().equals("contract-not-drafting")
                        && v.getMessage().contains("both parties signed version 1, and a signed version is not amended")))
                .expectNoEvents();
        fixture.given(active())
                .when(new ProposeAmendment(ID, BUYER, AMENDED))
                .expectException(matches(e -> e instanceof RuleViolation v && v.code().equals("contract-not-drafting")))
                .expectNoEvents();
    }

    @Test
    void amendmentsAcceptedBeforeContractAmendedExistedAreStillReadBack() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false),
                        new AmendmentProposed(ID, 1, BUYER, AMENDED),
                        new AmendmentAccepted(ID, LISTING, 1, SELLER, 2, sha(AMENDED, 2), AMENDED),
                        signed(mekong, BUYER, "VN", AMENDED, 2))
                .when(sign(hust, SELLER, "VN", sha(AMENDED, 2)))
                .expectResultMessagePayloadMatching(matches(p -> ((ContractProgress) p).status() == ContractStatus.READY
                        && ((ContractProgress) p).claim().from().equals(LocalDate.parse("2026-01-01"))));
    }

    @Test
    void theProposerCannotAcceptItsOwnAmendment() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false), new AmendmentProposed(ID, 1, BUYER, EXCLUSIVE))
                .when(new AcceptAmendment(ID, BUYER, 1, NOW))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void anAmendmentKeepsTheDealType() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false))
                .when(new ProposeAmendment(ID, BUYER, new ContractTerms(DealType.NON_EXCLUSIVE_LICENCE, null, null, null,
                        null, null, Money.vnd(1), null, List.of(), null)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void toAnotherOrganisationTheContractDoesNotExist() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false))
                .when(new ProposeAmendment(ID, "hcmut", EXCLUSIVE))
                .expectException(AggregateNotFoundException.class);
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false))
                .when(sign(hust, "hcmut", "VN", sha(EXCLUSIVE, 1)))
                .expectException(AggregateNotFoundException.class);
    }

    // ---- signatures

    @Test
    void aPartySignsTheCurrentVersionsHashWithItsKey() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false))
                .when(sign(hust, SELLER, "VN", sha(EXCLUSIVE, 1)))
                .expectEvents(signed(hust, SELLER, "VN", EXCLUSIVE, 1))
                .expectResultMessagePayload(new ContractProgress(ID, ContractStatus.DRAFTING, null));
    }

    @Test
    void aSignatureThatDoesNotVerifyIsRefused() {
        SignContract forged = new SignContract(ID, SELLER, "VN", hust.keyId(), hust.publicKey(),
                mekong.sign(sha(EXCLUSIVE, 1)), null, NOW);
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false))
                .when(forged)
                .expectException(RuleViolation.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("does not verify"))
                .expectNoEvents();
    }

    @Test
    void aSignatureOverAnOlderVersionIsRefusedAsSuch() {
        var amended = new ContractTerms(EXCLUSIVE.dealType(), "dyeing", "VN", null, null, null, EXCLUSIVE.price(), null,
                List.of(), null);
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false),
                        new AmendmentProposed(ID, 1, BUYER, amended),
                        amended(EXCLUSIVE, amended, BUYER, SELLER))
                .when(sign(hust, SELLER, "VN", sha(EXCLUSIVE, 1)))
                .expectException(matches(e -> e instanceof RuleViolation v && v.code().equals("signature-over-older-version")))
                .expectNoEvents();
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false),
                        new AmendmentProposed(ID, 1, BUYER, amended),
                        new AmendmentAccepted(ID, LISTING, 1, SELLER, 2, sha(amended, 2), amended))
                .when(new SignContract(ID, SELLER, "VN", hust.keyId(), hust.publicKey(), hust.sign(sha(amended, 2)),
                        sha(EXCLUSIVE, 1), NOW))
                .expectException(matches(e -> e instanceof RuleViolation v && v.code().equals("signature-over-older-version")));
    }

    @Test
    void anAcceptedAmendmentVoidsEarlierSignatures() {
        var amended = new ContractTerms(EXCLUSIVE.dealType(), "dyeing", "VN", null, null, null, EXCLUSIVE.price(), null,
                List.of(), null);
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false),
                        signed(hust, SELLER, "VN", EXCLUSIVE, 1),
                        new AmendmentProposed(ID, 1, BUYER, amended),
                        amended(EXCLUSIVE, amended, BUYER, SELLER))
                .when(sign(mekong, BUYER, "VN", sha(amended, 2)))
                .expectResultMessagePayload(new ContractProgress(ID, ContractStatus.DRAFTING, null));
    }

    @Test
    void aPartySignsOnce() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false), signed(hust, SELLER, "VN", EXCLUSIVE, 1))
                .when(sign(hust, SELLER, "VN", sha(EXCLUSIVE, 1)))
                .expectException(RuleViolation.class);
    }

    @Test
    void aSignerWithoutACountryCannotSignBecauseTheLegalPathDependsOnIt() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false))
                .when(sign(hust, SELLER, null, sha(EXCLUSIVE, 1)))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    // ---- legal paths, decided on the last signature

    @Test
    void aDomesticOrdinaryContractIsReadyToTakeEffectOnTheLastSignature() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false), signed(hust, SELLER, "VN", EXCLUSIVE, 1))
                .when(sign(mekong, BUYER, "VN", sha(EXCLUSIVE, 1)))
                .expectEvents(signed(mekong, BUYER, "VN", EXCLUSIVE, 1),
                        new LegalPathDetermined(ID, LISTING, "VN", "VN", false, false, List.of(
                                "domestic transfer of a technology neither restricted nor State-funded: takes effect on the last signature"), null))
                .expectResultMessagePayload(new ContractProgress(ID, ContractStatus.READY, new RightsClaim(ID, LISTING,
                        SELLER, BUYER, DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN",
                        LocalDate.parse("2027-01-01"), LocalDate.parse("2031-12-31"), null)));
    }

    @Test
    void aRestrictedTechnologyAwaitsAPermitDueInThirtyDaysRequestedOfTheRegulatorsPublicly() {
        Instant dueBy = NOW.plus(TransferLaw.PERMIT_DECISION_TIME);
        List<String> reasons = List.of(
                "restricted technology: a transfer permit is required (article 29), which replaces registration (article 31(1))");
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.RESTRICTED, false), signed(hust, SELLER, "VN", EXCLUSIVE, 1))
                .when(sign(mekong, BUYER, "VN", sha(EXCLUSIVE, 1)))
                .expectEventsMatching(exactSequenceOf(Matchers.messageWithPayload(org.hamcrest.Matchers.instanceOf(ContractSigned.class)),
                        Matchers.messageWithPayload(org.hamcrest.Matchers.equalTo(new LegalPathDetermined(ID, LISTING, "VN", "VN",
                                true, false, reasons, dueBy))),
                        Matchers.messageWithPayload(org.hamcrest.Matchers.equalTo(new RegulatoryDecisionRequested(ID, LISTING,
                                RegulatoryDecisionOverdue.Decision.PERMIT, dueBy, SELLER, BUYER, "VN", "VN", reasons, NOW))),
                        andNoMore()))
                .expectResultMessagePayload(new ContractProgress(ID, ContractStatus.AWAITING_PERMIT, null));
    }

    @Test
    void aTransferFromAbroadAwaitsRegistrationDueInFiveDaysRequestedOfTheRegulatorsPublicly() {
        Instant dueBy = NOW.plus(TransferLaw.REGISTRATION_DECISION_TIME);
        List<String> reasons = List.of("transfer from abroad (JP) into Vietnam: registration is required (article 31(1)(a))");
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false), signed(hust, SELLER, "JP", EXCLUSIVE, 1))
                .when(sign(mekong, BUYER, "VN", sha(EXCLUSIVE, 1)))
                .expectEventsMatching(exactSequenceOf(Matchers.messageWithPayload(org.hamcrest.Matchers.instanceOf(ContractSigned.class)),
                        Matchers.messageWithPayload(org.hamcrest.Matchers.equalTo(new LegalPathDetermined(ID, LISTING, "JP", "VN",
                                false, true, reasons, dueBy))),
                        Matchers.messageWithPayload(org.hamcrest.Matchers.equalTo(new RegulatoryDecisionRequested(ID, LISTING,
                                RegulatoryDecisionOverdue.Decision.REGISTRATION, dueBy, SELLER, BUYER, "JP", "VN", reasons, NOW))),
                        andNoMore()))
                .expectResultMessagePayload(new ContractProgress(ID, ContractStatus.AWAITING_REGISTRATION, null));
    }

    @Test
    void aContractThatTakesEffectAtOnceAsksNoRegulator() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, false), signed(hust, SELLER, "VN", EXCLUSIVE, 1))
                .when(sign(mekong, BUYER, "VN", sha(EXCLUSIVE, 1)))
                .expectEventsMatching(exactSequenceOf(Matchers.messageWithPayload(org.hamcrest.Matchers.instanceOf(ContractSigned.class)),
                        Matchers.messageWithPayload(org.hamcrest.Matchers.instanceOf(LegalPathDetermined.class)),
                        andNoMore()));
    }

    @Test
    void aDomesticTransferOfStateFundedResultsAwaitsRegistration() {
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ENCOURAGED, true), signed(mekong, BUYER, "VN", EXCLUSIVE, 1))
                .when(sign(hust, SELLER, "VN", sha(EXCLUSIVE, 1)))
                .expectResultMessagePayload(new ContractProgress(ID, ContractStatus.AWAITING_REGISTRATION, null));
    }

    List<Object> signedByBoth(RegulatoryCategory category, boolean stateFunded, boolean permit, boolean registration) {
        return List.of(created(EXCLUSIVE, category, stateFunded), signed(hust, SELLER, "VN", EXCLUSIVE, 1),
                signed(mekong, BUYER, "VN", EXCLUSIVE, 1),
                new LegalPathDetermined(ID, LISTING, "VN", "VN", permit, registration, List.of("rule"), NOW.plusSeconds(60)));
    }

    @Test
    void aRegulatorGrantsThePermitNamingTheOfficerAndTheContractIsReady() {
        fixture.given(signedByBoth(RegulatoryCategory.RESTRICTED, false, true, false))
                .when(new GrantPermit(ID, "dost-hanoi", "minh.tran", "Trần Văn Minh", "GP-2026-17", NOW))
                .expectEvents(new TransferPermitGranted(ID, LISTING, "dost-hanoi", "minh.tran", "Trần Văn Minh", "GP-2026-17", NOW))
                .expectResultMessagePayloadMatching(matches(p -> ((ContractProgress) p).status() == ContractStatus.READY
                        && ((ContractProgress) p).claim() != null));
    }

    @Test
    void aRegulatorRefusesThePermitWithAReason() {
        fixture.given(signedByBoth(RegulatoryCategory.RESTRICTED, false, true, false))
                .when(new RefusePermit(ID, "dost-hanoi", "minh.tran", "Trần Văn Minh", "Dual-use risk", NOW))
                .expectEvents(new TransferPermitRefused(ID, LISTING, "dost-hanoi", "minh.tran", "Trần Văn Minh", "Dual-use risk", NOW));
        fixture.given(signedByBoth(RegulatoryCategory.RESTRICTED, false, true, false))
                .when(new RefusePermit(ID, "dost-hanoi", "minh.tran", "Trần Văn Minh", " ", NOW))
                .expectException(RuleViolation.class);
    }

    @Test
    void aRegulatorRegistersOrRefusesRegistration() {
        fixture.given(signedByBoth(RegulatoryCategory.ORDINARY, true, false, true))
                .when(new RegisterContract(ID, "dost-hanoi", "minh.tran", "Trần Văn Minh", "DK-2026-88", NOW))
                .expectEvents(new ContractRegistered(ID, LISTING, "dost-hanoi", "minh.tran", "Trần Văn Minh", "DK-2026-88", NOW))
                .expectResultMessagePayloadMatching(matches(p -> ((ContractProgress) p).status() == ContractStatus.READY));
        fixture.given(signedByBoth(RegulatoryCategory.ORDINARY, true, false, true))
                .when(new RefuseRegistration(ID, "dost-hanoi", "minh.tran", "Trần Văn Minh", "Price clause unclear", NOW))
                .expectEvents(new RegistrationRefused(ID, LISTING, "dost-hanoi", "minh.tran", "Trần Văn Minh", "Price clause unclear", NOW));
    }

    @Test
    void aDecisionNobodyAwaitsIsRefused() {
        fixture.given(signedByBoth(RegulatoryCategory.ORDINARY, true, false, true))
                .when(new GrantPermit(ID, "dost-hanoi", "minh.tran", "Trần Văn Minh", "GP-1", NOW))
                .expectException(RuleViolation.class);
        fixture.given(created(EXCLUSIVE, RegulatoryCategory.ORDINARY, true))
                .when(new RegisterContract(ID, "dost-hanoi", "minh.tran", "Trần Văn Minh", "DK-1", NOW))
                .expectException(RuleViolation.class);
    }

    // ---- taking effect, and after

    @Test
    void aReadyLicenceTakesEffectWithTheRightsTheLedgerGranted() {
        fixture.given(signedByBoth(RegulatoryCategory.ORDINARY, false, false, false))
                .when(new ActivateContract(ID, LocalDate.parse("2027-01-01"), LocalDate.parse("2031-12-31"), NOW))
                .expectEvents(new ContractActivated(ID, LISTING, SELLER, BUYER, DealType.EXCLUSIVE_LICENCE,
                        "textile wastewater", "VN", LocalDate.parse("2027-01-01"), LocalDate.parse("2031-12-31"), 1, NOW));
    }

    @Test
    void anAssignmentTakingEffectTransfersOwnership() {
        fixture.given(created(ASSIGNMENT, RegulatoryCategory.ORDINARY, false),
                        new ContractSigned(ID, LISTING, SELLER, 1, sha(ASSIGNMENT, 1), "k", "p", "s", "VN", NOW),
                        new ContractSigned(ID, LISTING, BUYER, 1, sha(ASSIGNMENT, 1), "k", "p", "s", "VN", NOW),
                        new LegalPathDetermined(ID, LISTING, "VN", "VN", false, false, List.of("rule"), null))
                .when(new ActivateContract(ID, LocalDate.parse("2026-11-23"), null, NOW))
                .expectEvents(new ContractActivated(ID, LISTING, SELLER, BUYER, DealType.ASSIGNMENT, null, null,
                                LocalDate.parse("2026-11-23"), null, 1, NOW),
                        new OwnershipTransferred(ID, LISTING, SELLER, BUYER, TITLES, NOW));
    }

    @Test
    void aContractAwaitingItsRegulatorCannotBeActivated() {
        fixture.given(signedByBoth(RegulatoryCategory.RESTRICTED, false, true, false))
                .when(new ActivateContract(ID, LocalDate.parse("2027-01-01"), null, NOW))
                .expectException(RuleViolation.class);
    }

    @Test
    void theLedgerRefusesOverlappingRightsAndTheContractIsRefused() {
        fixture.given(signedByBoth(RegulatoryCategory.ORDINARY, false, false, false))
                .when(new RefuseActivation(ID, "overlaps contract X", NOW))
                .expectEvents(new ContractActivationRefused(ID, LISTING, "overlaps contract X", NOW))
                .expectResultMessagePayload(new ContractProgress(ID, ContractStatus.REFUSED, null));
    }

    List<Object> active() {
        var events = new java.util.ArrayList<>(signedByBoth(RegulatoryCategory.ORDINARY, false, false, false));
        events.add(new ContractActivated(ID, LISTING, SELLER, BUYER, DealType.EXCLUSIVE_LICENCE, "textile wastewater",
                "VN", LocalDate.parse("2027-01-01"), LocalDate.parse("2031-12-31"), 1, NOW));
        return events;
    }

    @Test
    void aPartyTerminatesForBreachCitingItAndTheRightsAreReleased() {
        LocalDate last = LocalDate.parse("2028-03-31");
        fixture.given(active())
                .when(new TerminateContract(ID, SELLER, TerminationReason.BREACH, "Royalties unpaid for 3 quarters", last, NOW))
                .expectEvents(new ContractTerminated(ID, LISTING, TerminationReason.BREACH, "Royalties unpaid for 3 quarters", last, NOW))
                .expectResultMessagePayload(new ContractProgress(ID, ContractStatus.TERMINATED, new RightsClaim(ID,
                        LISTING, SELLER, BUYER, DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN",
                        LocalDate.parse("2027-01-01"), last, null)));
        fixture.given(active())
                .when(new TerminateContract(ID, SELLER, TerminationReason.BREACH, null, last, NOW))
                .expectException(RuleViolation.class);
    }

    @Test
    void terminationByAgreementNeedsBothParties() {
        LocalDate last = LocalDate.parse("2028-03-31");
        fixture.given(active())
                .when(new TerminateContract(ID, BUYER, TerminationReason.AGREEMENT, null, last, NOW))
                .expectEvents(new TerminationProposed(ID, BUYER, null, last));
        var proposed = new java.util.ArrayList<>(active());
        proposed.add(new TerminationProposed(ID, BUYER, null, last));
        fixture.given(proposed)
                .when(new TerminateContract(ID, SELLER, TerminationReason.AGREEMENT, null, last, NOW))
                .expectEvents(new ContractTerminated(ID, LISTING, TerminationReason.AGREEMENT, null, last, NOW));
    }

    @Test
    void aLicenceExpiresOnTheLastDayOfItsTermOnly() {
        fixture.given(active())
                .when(new TerminateContract(ID, SELLER, TerminationReason.EXPIRY, null, LocalDate.parse("2030-01-01"), NOW))
                .expectException(RuleViolation.class);
        fixture.given(active())
                .when(new TerminateContract(ID, SELLER, TerminationReason.EXPIRY, null, LocalDate.parse("2031-12-31"), NOW))
                .expectEvents(new ContractTerminated(ID, LISTING, TerminationReason.EXPIRY, null, LocalDate.parse("2031-12-31"), NOW));
    }

    @Test
    void anAssignmentCannotBeTerminated() {
        fixture.given(created(ASSIGNMENT, RegulatoryCategory.ORDINARY, false),
                        new ContractSigned(ID, LISTING, SELLER, 1, sha(ASSIGNMENT, 1), "k", "p", "s", "VN", NOW),
                        new ContractSigned(ID, LISTING, BUYER, 1, sha(ASSIGNMENT, 1), "k", "p", "s", "VN", NOW),
                        new LegalPathDetermined(ID, LISTING, "VN", "VN", false, false, List.of("rule"), null),
                        new ContractActivated(ID, LISTING, SELLER, BUYER, DealType.ASSIGNMENT, null, null,
                                LocalDate.parse("2026-11-23"), null, 1, NOW))
                .when(new TerminateContract(ID, SELLER, TerminationReason.BREACH, "unpaid", LocalDate.parse("2027-01-01"), NOW))
                .expectException(matches(e -> e instanceof RuleViolation v && v.code().equals("assignment-completed")));
    }

    // ---- deadlines

    List<Object> signedBySeller(RegulatoryCategory category, boolean stateFunded) {
        return List.of(created(EXCLUSIVE, category, stateFunded), signed(hust, SELLER, "VN", EXCLUSIVE, 1));
    }

    @Test
    void aRegistrationNotDecidedByItsDeadlineIsRecordedOverdueAndTheContractKeepsWaiting() {
        Instant dueBy = NOW.plus(TransferLaw.REGISTRATION_DECISION_TIME);
        fixture.given(signedBySeller(RegulatoryCategory.ORDINARY, true))
                .andGivenCommands(sign(mekong, BUYER, "VN", sha(EXCLUSIVE, 1)))
                .whenTimeAdvancesTo(dueBy.plusSeconds(1))
                .expectEvents(new RegulatoryDecisionOverdue(ID, LISTING, RegulatoryDecisionOverdue.Decision.REGISTRATION, dueBy));
        // still awaiting: the regulator may register it late
        var overdue = new java.util.ArrayList<>(signedByBoth(RegulatoryCategory.ORDINARY, true, false, true));
        overdue.add(new RegulatoryDecisionOverdue(ID, LISTING, RegulatoryDecisionOverdue.Decision.REGISTRATION, NOW.plusSeconds(60)));
        fixture.given(overdue)
                .when(new RegisterContract(ID, "dost-hanoi", "minh.tran", "Trần Văn Minh", "DK-2026-88", dueBy.plusSeconds(1)))
                .expectResultMessagePayloadMatching(matches(p -> ((ContractProgress) p).status() == ContractStatus.READY));
    }

    @Test
    void aPermitDeadlineIsThirtyDaysAndADecisionMadeInTimeLeavesNothingOverdue() {
        Instant dueBy = NOW.plus(TransferLaw.PERMIT_DECISION_TIME);
        fixture.given(signedBySeller(RegulatoryCategory.RESTRICTED, false))
                .when(sign(mekong, BUYER, "VN", sha(EXCLUSIVE, 1)))
                .expectScheduledDeadline(dueBy, new RegulatoryDecisionDue(RegulatoryDecisionOverdue.Decision.PERMIT, dueBy));
        fixture.given(signedBySeller(RegulatoryCategory.RESTRICTED, false))
                .andGivenCommands(sign(mekong, BUYER, "VN", sha(EXCLUSIVE, 1)),
                        new GrantPermit(ID, "dost-hanoi", "minh.tran", "Trần Văn Minh", "GP-2026-17", NOW))
                .whenTimeAdvancesTo(dueBy.plusSeconds(1))
                .expectNoEvents();
    }

    @Test
    void aContractTakingEffectWithoutARegulatorHasNoDecisionDeadline() {
        fixture.given(signedBySeller(RegulatoryCategory.ORDINARY, false))
                .when(sign(mekong, BUYER, "VN", sha(EXCLUSIVE, 1)))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aLicenceExpiresByItselfAtTheStartOfTheDayAfterItsLastDay() {
        LocalDate last = LocalDate.parse("2031-12-31");
        Instant end = Instant.parse("2032-01-01T00:00:00Z");
        fixture.given(signedByBoth(RegulatoryCategory.ORDINARY, false, false, false))
                .when(new ActivateContract(ID, LocalDate.parse("2027-01-01"), last, NOW))
                .expectScheduledDeadline(end, new TermEndDue(last));
        fixture.given(signedByBoth(RegulatoryCategory.ORDINARY, false, false, false))
                .andGivenCommands(new ActivateContract(ID, LocalDate.parse("2027-01-01"), last, NOW))
                .whenTimeAdvancesTo(end)
                .expectEvents(new ContractTerminated(ID, LISTING, TerminationReason.EXPIRY, null, last, end));
    }

    @Test
    void aLicenceTerminatedBeforeItsEndDoesNotExpireAgain() {
        LocalDate last = LocalDate.parse("2031-12-31");
        fixture.given(signedByBoth(RegulatoryCategory.ORDINARY, false, false, false))
                .andGivenCommands(new ActivateContract(ID, LocalDate.parse("2027-01-01"), last, NOW),
                        new TerminateContract(ID, SELLER, TerminationReason.BREACH, "unpaid", LocalDate.parse("2028-03-31"), NOW))
                .whenTimeAdvancesTo(Instant.parse("2032-01-01T00:00:00Z"))
                .expectNoEvents();
    }

    @Test
    void aLicenceWithoutEndAndAnAssignmentNeverExpire() {
        fixture.given(signedByBoth(RegulatoryCategory.ORDINARY, false, false, false))
                .when(new ActivateContract(ID, LocalDate.parse("2027-01-01"), null, NOW))
                .expectNoScheduledDeadlines();
    }
}

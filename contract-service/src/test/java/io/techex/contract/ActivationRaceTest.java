package io.techex.contract;

import io.techex.contract.agreement.ContractProgress;
import io.techex.contract.agreement.ContractStatus;
import io.techex.contract.agreement.ContractSteps;
import io.techex.contract.agreement.ContractViewProjection;
import io.techex.contract.agreement.CreateContract;
import io.techex.contract.agreement.ExerciseOption;
import io.techex.contract.agreement.OptionExercise;
import io.techex.contract.agreement.SignContract;
import io.techex.contract.agreement.Signer;
import io.techex.contract.agreement.TerminateContract;
import io.techex.contract.api.ContractTerminated.TerminationReason;
import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.DealType;
import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.LicenceTerms;
import io.techex.contract.api.Money;
import io.techex.contract.api.RegulatoryCategory;
import io.techex.contract.rights.AssetRights;
import io.techex.contract.rights.Grant;
import io.techex.contract.rights.RightsLedger;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.testkit.IntegrationTest;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rights ledger against real PostgreSQL: activations of one asset racing on two threads, each in its own
 * transaction with the contract's events, and the rights held on a given day after activation, termination and an
 * assignment.
 */
@IntegrationTest
class ActivationRaceTest {

    static final Actor HUST = new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY);
    static final LocalDate START = LocalDate.parse("2030-01-01");
    static final LocalDate END = LocalDate.parse("2034-12-31");

    @Autowired
    ActingCommandGateway commands;
    @Autowired
    ContractSteps steps;
    @Autowired
    ContractViewProjection views;
    @Autowired
    RightsLedger ledger;
    @Autowired
    JdbcTemplate jdbc;

    final Signer hust = Signer.generate("hust");
    final Signer buyers = Signer.generate("buyers");

    static ContractTerms terms(DealType type, String field) {
        return type == DealType.ASSIGNMENT
                ? new ContractTerms(type, null, null, null, null, null, Money.vnd(9_000_000_000L), null, List.of(), null)
                : new ContractTerms(type, field, "VN", START, END, null, Money.vnd(500_000_000L), null, List.of(), null);
    }

    /** A contract signed by its seller, awaiting the buyer's signature, which is returned to be sent. */
    SignContract contractAwaitingLastSignature(String listingId, String buyer, ContractTerms terms) {
        String contractId = UUID.randomUUID().toString();
        commands.send(new CreateContract(contractId, listingId, "deal-" + contractId, "hust", buyer, "Nano dye treatment",
                List.of(new IpTitleRef("VN", "1-0023456")), RegulatoryCategory.ORDINARY, false, terms, Instant.now()), HUST);
        String sha = views.find(contractId).orElseThrow().documentSha256;
        steps.send(new SignContract(contractId, "hust", "VN", hust.keyId(), hust.publicKey(), hust.sign(sha), sha, Instant.now()), HUST);
        return new SignContract(contractId, buyer, "VN", buyers.keyId(), buyers.publicKey(), buyers.sign(sha), sha, Instant.now());
    }

    static Actor firm(String organisation) {
        return new Actor("someone", organisation, Actor.Role.FIRM);
    }

    @Test
    void twoExclusivesOnTheSameFieldAndTerritoryRaceToActivateAndExactlyOneWins() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String listingId = UUID.randomUUID().toString();
                SignContract first = contractAwaitingLastSignature(listingId, "mekong-biotech", terms(DealType.EXCLUSIVE_LICENCE, "textile wastewater"));
                SignContract second = contractAwaitingLastSignature(listingId, "kyoto-materials", terms(DealType.EXCLUSIVE_LICENCE, "Textile wastewater"));
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<ContractProgress>> outcomes = new ArrayList<>();
                for (SignContract signature : List.of(first, second)) {
                    Callable<ContractProgress> sign = () -> {
                        together.await(10, TimeUnit.SECONDS);
                        return steps.send(signature, firm(signature.organisationId()));
                    };
                    outcomes.add(threads.submit(sign));
                }
                List<ContractStatus> statuses = new ArrayList<>();
                for (Future<ContractProgress> outcome : outcomes) {
                    statuses.add(outcome.get(30, TimeUnit.SECONDS).status());
                }
                assertThat(statuses).as("round " + round).containsExactlyInAnyOrder(ContractStatus.ACTIVE, ContractStatus.REFUSED);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM rights_grant WHERE listing_id = ?", Integer.class, listingId)).isOne();
                String loser = statuses.get(0) == ContractStatus.REFUSED ? first.contractId() : second.contractId();
                assertThat(views.find(loser).orElseThrow().refusal).contains("overlaps the exclusive licence");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * The holder exercising one option twice at once (two clicks, two instances): one exercise draws up the licence,
     * the other is a clean conflict (the option already exercised, or the concurrent change that beat it), and there
     * is one licence contract.
     */
    @Test
    void anOptionExercisedTwiceAtOnceDrawsUpOneLicenceAndTheOtherIsAConflict() throws Exception {
        var option = new ContractTerms(DealType.OPTION, "textile wastewater", "VN", null, null, 6, Money.vnd(50_000_000L),
                null, List.of(), null, new LicenceTerms(DealType.EXCLUSIVE_LICENCE, 24, Money.vnd(900_000_000L), null, List.of()));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                String listingId = UUID.randomUUID().toString();
                SignContract last = contractAwaitingLastSignature(listingId, "mekong-biotech", option);
                assertThat(steps.send(last, firm("mekong-biotech")).status()).isEqualTo(ContractStatus.ACTIVE);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<Object>> outcomes = new ArrayList<>();
                for (int attempt = 0; attempt < 2; attempt++) {
                    Callable<Object> exercise = () -> {
                        together.await(10, TimeUnit.SECONDS);
                        try {
                            return steps.exercise(new ExerciseOption(last.contractId(), "mekong-biotech", Instant.now()),
                                    firm("mekong-biotech"));
                        } catch (RuleViolation | ConcurrencyException conflict) {
                            return conflict;
                        }
                    };
                    outcomes.add(threads.submit(exercise));
                }
                List<Object> results = new ArrayList<>();
                for (Future<Object> outcome : outcomes) {
                    results.add(outcome.get(30, TimeUnit.SECONDS));
                }
                assertThat(results).as("round " + round).filteredOn(OptionExercise.class::isInstance).hasSize(1);
                assertThat(results).filteredOn(result -> !(result instanceof OptionExercise)).singleElement()
                        .satisfies(conflict -> assertThat(conflict instanceof ConcurrencyException
                                || "option-not-in-force".equals(((RuleViolation) conflict).code())).as(conflict.toString()).isTrue());
                String licenceId = results.stream().filter(OptionExercise.class::isInstance).map(OptionExercise.class::cast)
                        .findFirst().orElseThrow().licenceContractId();
                assertThat(views.find(licenceId).orElseThrow().exercisedOption).isEqualTo(last.contractId());
                assertThat(views.find(last.contractId()).orElseThrow().status).isEqualTo(ContractStatus.EXERCISED);
                assertThat(jdbc.queryForObject("""
                        SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%OptionExercised'""",
                        Integer.class, last.contractId())).isOne();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theLedgerSaysWhoHoldsWhichRightsOnADayAndATerminationReleasesThem() {
        String listingId = UUID.randomUUID().toString();
        SignContract exclusive = contractAwaitingLastSignature(listingId, "mekong-biotech", terms(DealType.EXCLUSIVE_LICENCE, "textile wastewater"));
        assertThat(steps.send(exclusive, firm("mekong-biotech")).status()).isEqualTo(ContractStatus.ACTIVE);
        SignContract nonExclusive = contractAwaitingLastSignature(listingId, "kyoto-materials", terms(DealType.NON_EXCLUSIVE_LICENCE, "drinking water"));
        assertThat(steps.send(nonExclusive, firm("kyoto-materials")).status()).isEqualTo(ContractStatus.ACTIVE);

        AssetRights during = ledger.on(listingId, LocalDate.parse("2031-06-01"));
        assertThat(during.grants()).extracting(Grant::holderOrganisationId).containsExactlyInAnyOrder(exclusive.organisationId(), "kyoto-materials");
        assertThat(ledger.on(listingId, LocalDate.parse("2029-12-31")).grants()).isEmpty();

        LocalDate lastDay = LocalDate.parse("2031-06-30");
        steps.send(new TerminateContract(exclusive.contractId(), "hust", TerminationReason.BREACH, "Royalties unpaid", lastDay, Instant.now()), HUST);
        assertThat(ledger.on(listingId, lastDay).grants()).hasSize(2);
        assertThat(ledger.on(listingId, lastDay.plusDays(1)).grants()).extracting(Grant::holderOrganisationId).containsExactly("kyoto-materials");

        SignContract successor = contractAwaitingLastSignature(listingId, "vinfast", new ContractTerms(DealType.EXCLUSIVE_LICENCE,
                "textile wastewater", "VN", lastDay.plusDays(1), END, null, Money.vnd(1), null, List.of(), null));
        assertThat(steps.send(successor, firm("vinfast")).status()).isEqualTo(ContractStatus.ACTIVE);
    }

    @Test
    void aLicenceAgreedFromADayPastHoldsItsRightsFromThatDayAndOneWhoseTermEndedIsRefused() {
        String listingId = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        LocalDate agreedStart = today.minusMonths(3);
        SignContract backdated = contractAwaitingLastSignature(listingId, "mekong-biotech", new ContractTerms(
                DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN", agreedStart, null, 12, Money.vnd(1), null, List.of(), null));
        assertThat(steps.send(backdated, firm("mekong-biotech")).status()).isEqualTo(ContractStatus.ACTIVE);
        assertThat(views.find(backdated.contractId()).orElseThrow().rightsFrom).isEqualTo(agreedStart);
        assertThat(views.find(backdated.contractId()).orElseThrow().rightsUntil).isEqualTo(agreedStart.plusMonths(12).minusDays(1));
        assertThat(ledger.on(listingId, agreedStart).grants()).extracting(Grant::contractId).containsExactly(backdated.contractId());
        assertThat(ledger.on(listingId, agreedStart.minusDays(1)).grants()).isEmpty();

        SignContract ended = contractAwaitingLastSignature(listingId, "kyoto-materials", new ContractTerms(
                DealType.NON_EXCLUSIVE_LICENCE, "drinking water", "VN", today.minusYears(2), today.minusDays(1), null,
                Money.vnd(1), null, List.of(), null));
        assertThat(steps.send(ended, firm("kyoto-materials")).status()).isEqualTo(ContractStatus.REFUSED);
        assertThat(views.find(ended.contractId()).orElseThrow().refusal).contains("its term ended on " + today.minusDays(1));
        assertThat(ledger.on(listingId, today.minusYears(1)).grants()).isEmpty();
    }

    @Test
    void anAssignmentMakesTheAssigneeTheOwnerAndTheAssignorCanGrantNoMore() {
        String listingId = UUID.randomUUID().toString();
        SignContract assignment = contractAwaitingLastSignature(listingId, "mekong-biotech", terms(DealType.ASSIGNMENT, null));
        assertThat(steps.send(assignment, firm("mekong-biotech")).status()).isEqualTo(ContractStatus.ACTIVE);
        assertThat(ledger.on(listingId, LocalDate.now().plusYears(10)).owner()).isEqualTo("mekong-biotech");

        SignContract lateLicence = contractAwaitingLastSignature(listingId, "kyoto-materials", terms(DealType.NON_EXCLUSIVE_LICENCE, null));
        assertThat(steps.send(lateLicence, firm("kyoto-materials")).status()).isEqualTo(ContractStatus.REFUSED);
        assertThat(views.find(lateLicence.contractId()).orElseThrow().refusal).contains("hust no longer owns the asset");
    }
}

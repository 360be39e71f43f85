package io.techex.contract;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contract.agreement.ContractSteps;
import io.techex.contract.agreement.ContractViewProjection;
import io.techex.contract.agreement.CreateContract;
import io.techex.contract.agreement.SignContract;
import io.techex.contract.agreement.Signer;
import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.DealType;
import io.techex.contract.api.IpTitleRef;
import io.techex.contract.api.LicenceTerms;
import io.techex.contract.api.Milestone;
import io.techex.contract.api.Money;
import io.techex.contract.api.RegulatoryCategory;
import io.techex.contract.api.Royalty;
import io.techex.contract.rights.RightsLedger;
import io.techex.contracts.EventJson;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.MovableClock;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens when time passes, against the running service with its durable scheduler: the service's clock is
 * moved, and the persisted deadlines flag a late royalty report, end a licence at the end of its term (releasing its
 * rights), and put a regulator's overdue decision first in the queue. Royalty reports, payments and milestones go
 * over HTTP with real tokens.
 */
@IntegrationTest
class ContractTimeTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    static final Actor HUST = new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY);

    @Autowired
    MovableClock clock;
    @Autowired
    ActingCommandGateway commands;
    @Autowired
    ContractSteps steps;
    @Autowired
    ContractViewProjection views;
    @Autowired
    RightsLedger ledger;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestEnvironment env;
    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final TestTokens tokens = TestTokens.get();
    final Signer hust = Signer.generate("hust");
    final Signer buyer = Signer.generate("buyer");

    @Test
    void aLicenseeReportsTheLicensorIsPaidALateReportIsFlaggedAndTheLicenceExpiresReleasingItsRights() throws Exception {
        String listingId = UUID.randomUUID().toString();
        var terms = new ContractTerms(DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN", null, null, 6,
                Money.vnd(500_000_000), new Royalty(new BigDecimal("3.5"), Royalty.ReportingPeriod.QUARTER, Money.vnd(50_000_000)),
                List.of(new Milestone("pilot", "Pilot line running", null, Money.vnd(200_000_000))), null);
        String contractId = activeContract(listingId, "mekong-biotech", "VN", terms);
        LocalDate firstDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate lastDay = firstDay.plusMonths(6).minusDays(1);
        assertThat(views.find(contractId).orElseThrow().rightsUntil).isEqualTo(lastDay);

        JsonNode account = json(send("GET", "/contracts/" + contractId + "/account", TestTokens.FIRM, null), 200);
        assertThat(account.at("/periods/0/status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(account.at("/periods/0/from").asText()).isEqualTo(firstDay.toString());
        String report = """
                {"periodNumber": 1, "netSales": {"amount": "1234567", "currency": "VND"}}""";
        assertThat(problem(send("POST", "/contracts/" + contractId + "/royalty-reports", TestTokens.FIRM, report), 409))
                .contains("period-not-ended");

        clock.advance(Duration.ofDays(95));
        assertThat(problem(send("POST", "/contracts/" + contractId + "/royalty-reports", TestTokens.UNIVERSITY, report), 409))
                .contains("licensee-reports");
        assertThat(send("POST", "/contracts/" + contractId + "/royalty-reports", TestTokens.UNIVERSITY_2, report).statusCode()).isEqualTo(404);
        assertThat(problem(send("POST", "/contracts/" + contractId + "/royalty-reports", TestTokens.FIRM, """
                {"periodNumber": 1, "netSales": {"amount": "-5", "currency": "VND"}}"""), 422)).contains("netSales");
        account = json(send("POST", "/contracts/" + contractId + "/royalty-reports", TestTokens.FIRM, report), 200);
        // 3.5 % of 1 234 567 dong = 43 209.845, half up to the dong
        assertThat(account.at("/periods/0/royalty/amount").asText()).isEqualTo("43210");
        assertThat(account.at("/periods/0/status").asText()).isEqualTo("REPORTED");
        assertThat(problem(send("POST", "/contracts/" + contractId + "/royalty-reports", TestTokens.FIRM, report), 409))
                .contains("period-already-reported");

        account = json(send("POST", "/contracts/" + contractId + "/payments", TestTokens.UNIVERSITY, """
                {"periodNumber": 1, "amount": {"amount": "40000", "currency": "VND"}, "paidOn": "%s", "reference": "VCB-1"}"""
                .formatted(today())), 200);
        assertThat(account.at("/periods/0/outstanding/amount").asText()).isEqualTo("3210");
        account = json(send("POST", "/contracts/" + contractId + "/milestones/pilot/met", TestTokens.UNIVERSITY, """
                {"metOn": "%s"}""".formatted(today())), 200);
        assertThat(account.at("/milestones/0/due/amount").asText()).isEqualTo("200000000");
        assertThat(account.at("/totals/due/amount").asText()).isEqualTo("200043210");
        assertThat(account.at("/totals/paid/amount").asText()).isEqualTo("40000");
        assertThat(account.at("/totals/outstanding/amount").asText()).isEqualTo("200003210");

        // past the licence's last day and the second period's report deadline (its last day + 30 days)
        clock.advance(Duration.ofDays(125));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(views.find(contractId).orElseThrow().status.name()).isEqualTo("TERMINATED"));
        assertThat(views.find(contractId).orElseThrow().termination.reason()).isEqualTo("EXPIRY");
        assertThat(ledger.on(listingId, lastDay).grants()).extracting(grant -> grant.contractId()).containsExactly(contractId);
        assertThat(ledger.on(listingId, lastDay.plusDays(1)).grants()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                json(send("GET", "/contracts/" + contractId + "/account", TestTokens.REGULATOR, null), 200).at("/periods/1/status").asText())
                .isEqualTo("OVERDUE"));
        assertThat(send("GET", "/regulator/overdue-royalty-reports", TestTokens.REGULATOR, null).body()).contains(contractId);

        // the late report is taken, marked late, and completes the (short) final year: the minimum pro rata is topped up
        account = json(send("POST", "/contracts/" + contractId + "/royalty-reports", TestTokens.FIRM, """
                {"periodNumber": 2, "netSales": {"amount": "10000000", "currency": "VND"}}"""), 200);
        assertThat(account.at("/periods/1/late").asBoolean()).isTrue();
        assertThat(account.at("/periods").size()).isEqualTo(2);
        assertThat(account.at("/minimumTopUps").size()).isEqualTo(1);
        BigDecimal topUp = new BigDecimal(account.at("/minimumTopUps/0/topUp/amount").asText());
        assertThat(new BigDecimal(account.at("/totals/due/amount").asText()))
                .isEqualByComparingTo(new BigDecimal("200043210").add(new BigDecimal("350000")).add(topUp));
        assertThat(account.at("/overdueReports").asInt()).isZero();
        assertThat(send("GET", "/regulator/overdue-royalty-reports", TestTokens.REGULATOR, null).body()).doesNotContain(contractId);

        try (var records = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            records.await(seen -> types(seen, listingId).containsAll(List.of("RoyaltyReported", "RoyaltyPaid", "MilestoneMet",
                    "RoyaltyReportOverdue", "MinimumRoyaltyToppedUp", "ContractTerminated")));
        }
    }

    @Test
    void aLicenceEndsByExpiryAtTheEndOfItsTermAndItsRightsAreFreeFromTheNextDay() throws Exception {
        String listingId = UUID.randomUUID().toString();
        var terms = new ContractTerms(DealType.EXCLUSIVE_LICENCE, null, "VN", null, null, 1, Money.vnd(500_000_000),
                null, List.of(), null);
        String contractId = activeContract(listingId, "mekong-biotech", "VN", terms);
        LocalDate lastDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusMonths(1).minusDays(1);
        assertThat(views.find(contractId).orElseThrow().rightsUntil).isEqualTo(lastDay);

        clock.advance(Duration.ofDays(20));
        assertThat(views.find(contractId).orElseThrow().status.name()).isEqualTo("ACTIVE");
        clock.advance(Duration.ofDays(12));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(views.find(contractId).orElseThrow().status.name()).isEqualTo("TERMINATED"));
        var termination = views.find(contractId).orElseThrow().termination;
        assertThat(termination.reason()).isEqualTo("EXPIRY");
        assertThat(termination.effectiveOn()).isEqualTo(lastDay);
        assertThat(ledger.on(listingId, lastDay).grants()).hasSize(1);
        assertThat(ledger.on(listingId, lastDay.plusDays(1)).grants()).isEmpty();
        try (var records = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            var terminated = records.awaitRecord(r -> listingId.equals(r.key()) && r.valueAsString().contains("ContractTerminated"));
            // the exchange's clock ended it, not the party whose signature activated it
            assertThat(terminated.valueAsString()).contains("\"actorperson\":\"contract-service\"", "\"actorrole\":\"SYSTEM\"",
                    "\"EXPIRY\"");
        }
    }

    /**
     * An option in force is an exclusive reservation: the grantor's exclusive licence to another firm in the same
     * field and territory is refused while it runs. Unexercised, the option lapses by its persisted deadline at the
     * start of the day after its last day, its rights are free from then, the same licence then takes effect, and
     * the holder's exercise comes too late.
     */
    @Test
    void anOptionReservesItsScopeUntilItLapsesAtItsEndAndThenTheRightsAreFree() throws Exception {
        String listingId = UUID.randomUUID().toString();
        var option = new ContractTerms(DealType.OPTION, "textile wastewater", "VN", null, null, 1, Money.vnd(50_000_000),
                null, List.of(), null, new LicenceTerms(DealType.EXCLUSIVE_LICENCE, 24, Money.vnd(900_000_000), null, List.of()));
        int scheduled = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class);
        String optionId = activeContract(listingId, "mekong-biotech", "VN", option);
        LocalDate lastDay = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusMonths(1).minusDays(1);
        assertThat(views.find(optionId).orElseThrow().rightsUntil).isEqualTo(lastDay);
        // the lapse is a persisted deadline (no royalty account, no regulator: it is the only one the option set)
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class)).isEqualTo(scheduled + 1);

        var rival = new ContractTerms(DealType.EXCLUSIVE_LICENCE, "Textile wastewater", "VN", null, null, 12,
                Money.vnd(700_000_000), null, List.of(), null);
        String refused = signedByBoth(listingId, "viet-textiles", rival);
        assertThat(views.find(refused).orElseThrow().status.name()).isEqualTo("REFUSED");
        assertThat(views.find(refused).orElseThrow().refusal).contains("option (an exclusive reservation) of contract " + optionId);

        clock.advance(Duration.ofDays(32));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(views.find(optionId).orElseThrow().status.name()).isEqualTo("LAPSED"));
        assertThat(ledger.on(listingId, lastDay).grants()).extracting(grant -> grant.contractId()).containsExactly(optionId);
        assertThat(ledger.on(listingId, lastDay.plusDays(1)).grants()).isEmpty();
        assertThat(problem(send("POST", "/contracts/" + optionId + "/exercise", TestTokens.FIRM, null), 409))
                .contains("option-not-in-force", "lapsed");

        String licensed = signedByBoth(listingId, "viet-textiles", rival);
        assertThat(views.find(licensed).orElseThrow().status.name()).isEqualTo("ACTIVE");
        try (var records = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            var lapsed = records.awaitRecord(r -> listingId.equals(r.key()) && r.valueAsString().contains("OptionLapsed"));
            assertThat(lapsed.valueAsString()).contains("\"actorrole\":\"SYSTEM\"", "\"lastDay\":\"" + lastDay + "\"");
        }
    }

    /** A contract from hust to {@code buyerOrganisation}, signed by both, domestic: it takes effect or is refused. */
    private String signedByBoth(String listingId, String buyerOrganisation, ContractTerms terms) {
        String contractId = UUID.randomUUID().toString();
        commands.send(new CreateContract(contractId, listingId, "deal-" + contractId, "hust", buyerOrganisation,
                "Nano dye treatment", List.of(new IpTitleRef("VN", "1-0023456")), RegulatoryCategory.ORDINARY, false, terms,
                clock.instant()), HUST);
        String sha = views.find(contractId).orElseThrow().documentSha256;
        steps.send(new SignContract(contractId, "hust", "VN", hust.keyId(), hust.publicKey(), hust.sign(sha), sha, clock.instant()), HUST);
        steps.send(new SignContract(contractId, buyerOrganisation, "VN", buyer.keyId(), buyer.publicKey(), buyer.sign(sha), sha,
                clock.instant()), new Actor("thu.vo", buyerOrganisation, Actor.Role.FIRM));
        return contractId;
    }

    @Test
    void aRegulatorsDecisionNotMadeInTimeIsRecordedOverdueAndComesFirstInTheQueue() throws Exception {
        String late = awaitingRegistration();
        assertThat(views.find(late).orElseThrow().status.name()).isEqualTo("AWAITING_REGISTRATION");
        clock.advance(Duration.ofDays(6));
        await().atMost(Duration.ofSeconds(30)).until(() -> views.find(late).orElseThrow().decisionOverdue != null);
        Instant lateDueBy = views.find(late).orElseThrow().decisionOverdue.dueBy();
        String onTime = awaitingRegistration();

        JsonNode pending = json(send("GET", "/regulator/pending", TestTokens.REGULATOR, null), 200);
        List<String> order = new ArrayList<>();
        pending.forEach(contract -> order.add(contract.get("contractId").asText()));
        assertThat(order).containsSubsequence(late, onTime);
        assertThat(pending.get(order.indexOf(late)).at("/decisionOverdue/decision").asText()).isEqualTo("REGISTRATION");
        assertThat(pending.get(order.indexOf(onTime)).at("/decisionOverdue/decision").isMissingNode()).isTrue();

        // a late decision is still a decision
        send("POST", "/contracts/" + late + "/registration-decision", TestTokens.REGULATOR, """
                {"outcome": "GRANTED", "number": "DK-2026-91"}""");
        assertThat(views.find(late).orElseThrow().status.name()).isEqualTo("ACTIVE");
        try (var records = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            String listingId = views.find(late).orElseThrow().listingId;
            // asked of the regulators publicly when the last signature put it on the path, with the same deadline
            var requested = records.awaitRecord(r -> listingId.equals(r.key())
                    && r.valueAsString().contains("io.techex.contract.RegulatoryDecisionRequested.v1"));
            String dueBy = "\"dueBy\":\"" + lateDueBy + "\"";
            assertThat(requested.valueAsString()).contains("\"decision\":\"REGISTRATION\"", dueBy,
                    "\"sellerCountry\":\"JP\"", "\"buyerCountry\":\"VN\"", "article 31(1)(a)",
                    "\"actorperson\":\"thu.vo\"");
            var overdue = records.awaitRecord(r -> listingId.equals(r.key()) && r.valueAsString().contains("RegulatoryDecisionOverdue"));
            assertThat(overdue.valueAsString()).contains("\"actorperson\":\"contract-service\"", "\"actorrole\":\"SYSTEM\"");
        }
    }

    /** A licence from a Japanese seller to a Vietnamese firm: registration is required. */
    private String awaitingRegistration() {
        var terms = new ContractTerms(DealType.NON_EXCLUSIVE_LICENCE, null, "VN", null, null, 12, Money.vnd(1_000_000),
                null, List.of(), null);
        String contractId = UUID.randomUUID().toString();
        String listingId = UUID.randomUUID().toString();
        commands.send(new CreateContract(contractId, listingId, "deal-" + contractId, "kyoto-materials", "mekong-biotech",
                "Nano dye treatment", List.of(new IpTitleRef("VN", "1-0023456")), RegulatoryCategory.ORDINARY, false, terms,
                clock.instant()), HUST);
        String sha = views.find(contractId).orElseThrow().documentSha256;
        steps.send(new SignContract(contractId, "kyoto-materials", "JP", hust.keyId(), hust.publicKey(), hust.sign(sha), sha,
                clock.instant()), new Actor("kenji.sato", "kyoto-materials", Actor.Role.FIRM));
        steps.send(new SignContract(contractId, "mekong-biotech", "VN", buyer.keyId(), buyer.publicKey(), buyer.sign(sha), sha,
                clock.instant()), new Actor("thu.vo", "mekong-biotech", Actor.Role.FIRM));
        return contractId;
    }

    private String activeContract(String listingId, String buyerOrganisation, String buyerCountry, ContractTerms terms) {
        String contractId = UUID.randomUUID().toString();
        commands.send(new CreateContract(contractId, listingId, "deal-" + contractId, "hust", buyerOrganisation,
                "Nano dye treatment", List.of(new IpTitleRef("VN", "1-0023456")), RegulatoryCategory.ORDINARY, false, terms,
                clock.instant()), HUST);
        String sha = views.find(contractId).orElseThrow().documentSha256;
        steps.send(new SignContract(contractId, "hust", "VN", hust.keyId(), hust.publicKey(), hust.sign(sha), sha, clock.instant()), HUST);
        var progress = steps.send(new SignContract(contractId, buyerOrganisation, buyerCountry, buyer.keyId(), buyer.publicKey(),
                buyer.sign(sha), sha, clock.instant()), new Actor("thu.vo", buyerOrganisation, Actor.Role.FIRM));
        assertThat(progress.status().name()).isEqualTo("ACTIVE");
        return contractId;
    }

    private static List<String> types(List<KafkaRecords.Received> seen, String listingId) {
        return seen.stream().filter(r -> listingId.equals(r.key())).map(KafkaRecords.Received::valueAsString)
                .map(value -> value.replaceAll("(?s).*\"type\"\\s*:\\s*\"io\\.techex\\.contract\\.([A-Za-z]+)\\.v1\".*", "$1"))
                .toList();
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    }

    private HttpResponse<String> send(String method, String path, String person, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", tokens.bearer(person));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return EventJson.mapper().readTree(response.body());
    }

    private static String problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }
}

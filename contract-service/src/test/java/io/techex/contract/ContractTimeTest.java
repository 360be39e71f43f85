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
import io.techex.contract.api.Money;
import io.techex.contract.api.RegulatoryCategory;
import io.techex.contract.rights.RightsLedger;
import io.techex.contracts.EventJson;
import io.techex.platform.actor.ActingCommandGateway;
import io.techex.platform.actor.Actor;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What happens when time passes, against the running service with its durable scheduler: the service's clock is
 * moved, and the persisted deadlines end a licence at the end of its term (releasing its rights) and put a
 * regulator's overdue decision first in the queue.
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
    TestEnvironment env;
    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final TestTokens tokens = TestTokens.get();
    final Signer hust = Signer.generate("hust");
    final Signer buyer = Signer.generate("buyer");

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
            assertThat(terminated.valueAsString()).contains("\"actorperson\":\"contract-service\"", "\"EXPIRY\"");
        }
    }

    @Test
    void aRegulatorsDecisionNotMadeInTimeIsRecordedOverdueAndComesFirstInTheQueue() throws Exception {
        String late = awaitingRegistration();
        assertThat(views.find(late).orElseThrow().status.name()).isEqualTo("AWAITING_REGISTRATION");
        clock.advance(Duration.ofDays(6));
        await().atMost(Duration.ofSeconds(30)).until(() -> views.find(late).orElseThrow().decisionOverdue != null);
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
            var overdue = records.awaitRecord(r -> listingId.equals(r.key()) && r.valueAsString().contains("RegulatoryDecisionOverdue"));
            assertThat(overdue.valueAsString()).contains("\"actorperson\":\"contract-service\"");
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
}

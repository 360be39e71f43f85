package io.techex.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.contract.agreement.Signer;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From the broker to the broker: a published listing and an agreed deal arrive as CloudEvents, the parties sign over
 * HTTP with real tokens and registered keys, a regulator registers where the law asks, and the contract's events leave
 * on techex.contract.events.
 */
@IntegrationTest
class ContractFlowTest {

    @Autowired
    KafkaTemplate<String, CloudEvent> cloudEvents;
    @Autowired
    Topics topics;
    @Autowired
    TestEnvironment env;
    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final TestTokens tokens = TestTokens.get();

    @Test
    void aDomesticExclusiveLicenceTakesEffectOnTheLastSignatureAndIsPublished() throws Exception {
        String listingId = UUID.randomUUID().toString();
        publish("listing", "io.techex.listing.ListingPublished.v1", listingId, sample("io.techex.listing.ListingPublished.v1", listingId)
                .put("stateFunded", false));
        ObjectNode deal = sample("io.techex.bidding.DealAgreed.v1", listingId).put("dealId", UUID.randomUUID().toString());
        publish("bidding", "io.techex.bidding.DealAgreed.v1", listingId, deal);
        publish("bidding", "io.techex.bidding.DealAgreed.v1", listingId, deal);

        String contractId = awaitContract(TestTokens.UNIVERSITY, listingId);
        assertThat(get("/contracts/" + contractId, TestTokens.UNIVERSITY_2).statusCode()).isEqualTo(404);
        assertThat(get("/contracts", TestTokens.FIRM).body()).contains(contractId);
        signAs(TestTokens.UNIVERSITY, contractId);
        signAs(TestTokens.FIRM, contractId);

        JsonNode contract = json(get("/contracts/" + contractId, TestTokens.FIRM).body());
        assertThat(contract.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(get("/assets/" + listingId + "/rights", TestTokens.OPERATOR).body()).contains("mekong-biotech", "EXCLUSIVE_LICENCE");
        try (var records = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            records.await(seen -> seen.stream().filter(r -> listingId.equals(r.key())).map(KafkaRecords.Received::valueAsString)
                    .filter(v -> v.contains("io.techex.contract.ContractActivated.v1")).count() == 1);
            assertThat(records.seen().stream().filter(r -> listingId.equals(r.key()) && r.valueAsString().contains("ContractCreated")))
                    .hasSize(1);
        }
    }

    @Test
    void aTransferFromAbroadAwaitsRegistrationUntilARegulatorRegistersIt() throws Exception {
        String listingId = UUID.randomUUID().toString();
        publish("listing", "io.techex.listing.ListingPublished.v1", listingId, sample("io.techex.listing.ListingPublished.v1", listingId)
                .put("stateFunded", false));
        ObjectNode deal = sample("io.techex.bidding.DealAgreed.v1", listingId).put("dealId", UUID.randomUUID().toString())
                .put("buyerOrganisationId", "kyoto-materials");
        publish("bidding", "io.techex.bidding.DealAgreed.v1", listingId, deal);

        String contractId = awaitContract(TestTokens.FOREIGN_FIRM, listingId);
        signAs(TestTokens.FOREIGN_FIRM, contractId);
        signAs(TestTokens.UNIVERSITY, contractId);
        assertThat(json(get("/contracts/" + contractId, TestTokens.UNIVERSITY).body()).get("status").asText()).isEqualTo("AWAITING_REGISTRATION");
        assertThat(get("/regulator/pending", TestTokens.REGULATOR).body()).contains(contractId);

        var decided = post("/contracts/" + contractId + "/registration-decision", TestTokens.REGULATOR,
                "{\"outcome\": \"GRANTED\", \"number\": \"DK-2026-88\"}");
        assertThat(decided.statusCode()).as(decided.body()).isEqualTo(200);
        JsonNode contract = json(get("/contracts/" + contractId, TestTokens.REGULATOR).body());
        assertThat(contract.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(contract.get("decisions").get(0).get("officerPersonId").asText()).isEqualTo("minh.tran");
    }

    /** The contract on this test's own listing: the organisation has others, from other tests in the same database. */
    private String awaitContract(String person, String listingId) throws Exception {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode contract : json(get("/contracts", person).body())) {
                if (listingId.equals(contract.path("listingId").asText())) {
                    id[0] = contract.get("contractId").asText();
                    return true;
                }
            }
            return false;
        });
        return id[0];
    }

    private void signAs(String person, String contractId) throws Exception {
        Signer signer = Signer.generate(person + "-" + UUID.randomUUID());
        var registered = post("/signing-keys", person, "{\"keyId\": \"" + signer.keyId() + "\", \"publicKey\": \"" + signer.publicKey() + "\"}");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        var document = get("/contracts/" + contractId + "/document", person);
        String sha = document.headers().firstValue("X-Document-SHA256").orElseThrow();
        assertThat(sha).isEqualTo(sha256(document.body()));
        var signed = post("/contracts/" + contractId + "/signatures", person,
                "{\"keyId\": \"" + signer.keyId() + "\", \"signature\": \"" + signer.sign(sha) + "\", \"documentSha256\": \"" + sha + "\"}");
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    }

    private static String sha256(String text) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private void publish(String service, String type, String listingId, JsonNode data) throws Exception {
        CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/techex/" + service))
                .withType(type).withSubject(listingId).withTime(OffsetDateTime.now()).withDataContentType("application/json")
                .withData(EventJson.mapper().writeValueAsBytes(data))
                .withExtension(CloudEventMapper.ACTOR_PERSON, "lan.nguyen").withExtension(CloudEventMapper.ACTOR_ORGANISATION, "hust")
                .withExtension(CloudEventMapper.ACTOR_ROLE, "UNIVERSITY").build();
        cloudEvents.send(topics.eventsOf(service), listingId, event).get();
    }

    private static ObjectNode sample(String type, String listingId) {
        ObjectNode sample = EventContracts.find(type).orElseThrow().sample().deepCopy();
        return sample.put("listingId", listingId);
    }

    private HttpResponse<String> get(String path, String person) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", tokens.bearer(person)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String person, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", tokens.bearer(person)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) throws Exception {
        return EventJson.mapper().readTree(body);
    }
}

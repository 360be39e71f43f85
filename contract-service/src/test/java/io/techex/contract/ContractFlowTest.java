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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${local.server.port}")
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    final TestTokens tokens = TestTokens.get();

    @Test
    void aDomesticExclusiveLicenceTakesEffectOnTheLastSignatureAndIsPublished() throws Exception {
        String listingId = UUID.randomUUID().toString();
        ObjectNode deal = publishDomesticListingAndDeal(listingId);
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
    void aDealAnnouncedAgainWhileItsContractIsAtWorkIsTakenInWithoutWaitingForIt() throws Exception {
        String listingId = UUID.randomUUID().toString();
        ObjectNode deal = publishDomesticListingAndDeal(listingId);
        String contractId = awaitContract(TestTokens.UNIVERSITY, listingId);
        try (Connection signature = dataSource.getConnection()) {
            // what a signature's transaction holds from its Sign to its activation: the contract's chain head
            signature.setAutoCommit(false);
            try (PreparedStatement head = signature.prepareStatement(
                    "SELECT sequence_number FROM domain_event_chain_head WHERE aggregate_identifier = ? FOR UPDATE")) {
                head.setString(1, contractId);
                assertThat(head.executeQuery().next()).isTrue();
            }
            String again = publish("bidding", "io.techex.bidding.DealAgreed.v1", listingId, deal);
            // taken in (the inbox row committed) while the head is still held: no CreateContract queued behind it
            await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM processed_event WHERE event_id = ?", Integer.class, again) == 1);
            signature.rollback();
        }
        assertThat(json(get("/contracts", TestTokens.FIRM).body()).findValuesAsText("listingId")).containsOnlyOnce(listingId);
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

    /**
     * An amendment of the term's start (to a day months ago: the licence covers use since then) and of the royalty rate,
     * accepted and then signed by both, is the version in force: the rights are held from the amended first day and
     * not before, the royalty account's first period starts on it, and its report, due now, is taken at the amended
     * rate. The amendment is on the topic with every term it changed; once both signed, the contract is not amended.
     */
    @Test
    void anAcceptedAmendmentIsTheVersionInForceForTheRightsAndTheRoyaltyAccount() throws Exception {
        String listingId = UUID.randomUUID().toString();
        publish("listing", "io.techex.listing.ListingPublished.v1", listingId, sample("io.techex.listing.ListingPublished.v1", listingId)
                .put("stateFunded", false));
        publish("bidding", "io.techex.bidding.DealAgreed.v1", listingId, sample("io.techex.bidding.DealAgreed.v1", listingId)
                .put("dealId", UUID.randomUUID().toString()));
        String contractId = awaitContract(TestTokens.FIRM, listingId);
        JsonNode drafted = json(get("/contracts/" + contractId, TestTokens.FIRM).body());
        assertThat(drafted.at("/terms/royalty/ratePercent").asText()).isEqualTo("3.5");
        assertThat(drafted.at("/terms/termStart").textValue()).isNull();

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = today.minusMonths(6).withDayOfMonth(1);
        ObjectNode amended = ((ObjectNode) drafted.get("terms")).deepCopy().put("termStart", start.toString());
        ((ObjectNode) amended.get("royalty")).put("ratePercent", "4");
        var proposed = post("/contracts/" + contractId + "/amendments", TestTokens.FIRM, amended.toString());
        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(200);
        var accepted = post("/contracts/" + contractId + "/amendments/1/acceptance", TestTokens.UNIVERSITY, "");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        // a second proposal, still pending when both sign version 2: it lapses, version 2 is what takes effect
        ObjectNode notAccepted = amended.deepCopy().put("governingTerms", "The law of Vietnam; disputes to VIAC.");
        assertThat(post("/contracts/" + contractId + "/amendments", TestTokens.UNIVERSITY, notAccepted.toString()).statusCode())
                .isEqualTo(200);
        assertThat(json(get("/contracts/" + contractId, TestTokens.FIRM).body()).at("/pendingAmendment/number").asInt()).isEqualTo(2);
        signAs(TestTokens.UNIVERSITY, contractId);
        signAs(TestTokens.FIRM, contractId);

        JsonNode contract = json(get("/contracts/" + contractId, TestTokens.UNIVERSITY).body());
        assertThat(contract.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(contract.get("version").asInt()).isEqualTo(2);
        assertThat(contract.get("rightsFrom").asText()).isEqualTo(start.toString());
        assertThat(contract.get("rightsUntil").asText()).isEqualTo(start.plusMonths(60).minusDays(1).toString());
        assertThat(json(get("/assets/" + listingId + "/rights?on=" + start, TestTokens.OPERATOR).body()).at("/grants/0/holderOrganisationId")
                .asText()).isEqualTo("mekong-biotech");
        assertThat(json(get("/assets/" + listingId + "/rights?on=" + start.minusDays(1), TestTokens.OPERATOR).body()).get("grants"))
                .isEmpty();

        JsonNode account = json(get("/contracts/" + contractId + "/account", TestTokens.FIRM).body());
        assertThat(account.get("firstDay").asText()).isEqualTo(start.toString());
        assertThat(account.at("/royalty/ratePercent").asText()).isEqualTo("4");
        assertThat(account.at("/periods/0/until").asText()).isEqualTo(start.plusMonths(3).minusDays(1).toString());
        // a period that ended before the licence took effect is due a grace after it took effect, not overdue at once
        assertThat(account.at("/periods/0/reportDueBy").asText()).isEqualTo(today.plusDays(30).toString());
        var reported = post("/contracts/" + contractId + "/royalty-reports", TestTokens.FIRM, """
                {"periodNumber": 1, "netSales": {"amount": "1000000", "currency": "VND"}}""");
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
        assertThat(json(reported.body()).at("/periods/0/royalty/amount").asText()).isEqualTo("40000");
        assertThat(json(reported.body()).at("/periods/0/late").asBoolean()).isFalse();

        var tooLate = post("/contracts/" + contractId + "/amendments", TestTokens.UNIVERSITY, amended.toString());
        assertThat(tooLate.statusCode()).as(tooLate.body()).isEqualTo(409);
        assertThat(tooLate.body()).contains("contract-not-drafting", "a signed version is not amended");
        assertThat(post("/contracts/" + contractId + "/amendments/2/acceptance", TestTokens.FIRM, "").statusCode()).isEqualTo(409);
        assertThat(json(get("/contracts/" + contractId, TestTokens.FIRM).body()).get("pendingAmendment").isNull()).isTrue();

        try (var records = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            JsonNode event = json(records.awaitRecord(r -> listingId.equals(r.key())
                    && r.valueAsString().contains("io.techex.contract.ContractAmended.v1")).valueAsString()).get("data");
            assertThat(event.get("contractId").asText()).isEqualTo(contractId);
            assertThat(event.get("previousVersion").asInt()).isEqualTo(1);
            assertThat(event.get("version").asInt()).isEqualTo(2);
            assertThat(event.get("previousDocumentSha256").asText()).isEqualTo(drafted.get("documentSha256").asText());
            assertThat(event.get("documentSha256").asText()).isEqualTo(contract.get("documentSha256").asText());
            assertThat(event.get("proposedBy").asText()).isEqualTo("mekong-biotech");
            assertThat(event.get("acceptedBy").asText()).isEqualTo("hust");
            assertThat(event.get("changes").toString()).isEqualTo("""
                    [{"field":"termStart","after":"%s"},{"field":"royalty.ratePercent","before":"3.5","after":"4"}]"""
                    .formatted(start));
        }
    }

    /**
     * An option agreed as a deal is signed like any contract and, in force, reserves its scope in the rights ledger.
     * Its grantor cannot exercise it; its holder does, over HTTP, and gets the licence contract the option fixed,
     * which both sign: the licence is then held, and the option's reservation ended the day before it (here: before
     * the option's first day, since all happens on one day, so the option held no day of its own). A second
     * exercise is a conflict, and the exercise leaves on the topic.
     */
    @Test
    void theHolderExercisesAnOptionInForceIntoTheLicenceItFixedWhichBothSign() throws Exception {
        String listingId = UUID.randomUUID().toString();
        publish("listing", "io.techex.listing.ListingPublished.v1", listingId, sample("io.techex.listing.ListingPublished.v1", listingId)
                .put("stateFunded", false));
        ObjectNode deal = sample("io.techex.bidding.DealAgreed.v1", listingId).put("dealId", UUID.randomUUID().toString());
        ObjectNode terms = (ObjectNode) deal.get("terms");
        ObjectNode licence = EventJson.mapper().createObjectNode().put("dealType", "EXCLUSIVE_LICENCE").put("termMonths", 60);
        licence.set("price", terms.get("price").deepCopy());
        terms.put("dealType", "OPTION").put("termMonths", 6).set("licence", licence);
        terms.set("price", EventJson.mapper().createObjectNode().put("currency", "VND").put("lumpSum", "100000000"));
        publish("bidding", "io.techex.bidding.DealAgreed.v1", listingId, deal);

        String optionId = awaitContract(TestTokens.FIRM, listingId);
        JsonNode drafted = json(get("/contracts/" + optionId, TestTokens.FIRM).body());
        assertThat(drafted.at("/terms/dealType").asText()).isEqualTo("OPTION");
        assertThat(drafted.at("/terms/licenceOnExercise/royalty/ratePercent").asText()).isEqualTo("3.5");
        assertThat(get("/contracts/" + optionId + "/document", TestTokens.FIRM).body()).contains("## Licence on exercise");
        assertThat(post("/contracts/" + optionId + "/exercise", TestTokens.FIRM, "").body()).contains("option-not-in-force");
        signAs(TestTokens.UNIVERSITY, optionId);
        signAs(TestTokens.FIRM, optionId);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        JsonNode option = json(get("/contracts/" + optionId, TestTokens.FIRM).body());
        assertThat(option.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(option.get("rightsUntil").asText()).isEqualTo(today.plusMonths(6).minusDays(1).toString());
        assertThat(get("/assets/" + listingId + "/rights", TestTokens.OPERATOR).body()).contains("\"OPTION\"", "mekong-biotech");

        var byGrantor = post("/contracts/" + optionId + "/exercise", TestTokens.UNIVERSITY, "");
        assertThat(byGrantor.statusCode()).as(byGrantor.body()).isEqualTo(409);
        assertThat(byGrantor.body()).contains("not-the-option-holder");
        assertThat(post("/contracts/" + optionId + "/exercise", TestTokens.UNIVERSITY_2, "").statusCode()).isEqualTo(404);
        var exercised = post("/contracts/" + optionId + "/exercise", TestTokens.FIRM, "");
        assertThat(exercised.statusCode()).as(exercised.body()).isEqualTo(200);
        String licenceId = json(exercised.body()).get("licenceContractId").asText();
        assertThat(json(exercised.body()).get("optionStatus").asText()).isEqualTo("EXERCISED");
        var again = post("/contracts/" + optionId + "/exercise", TestTokens.FIRM, "");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("option-not-in-force", "exercised already");
        assertThat(json(get("/contracts/" + optionId, TestTokens.UNIVERSITY).body()).get("licenceContractId").asText()).isEqualTo(licenceId);

        JsonNode licenceContract = json(get("/contracts/" + licenceId, TestTokens.UNIVERSITY).body());
        assertThat(licenceContract.get("status").asText()).isEqualTo("DRAFTING");
        assertThat(licenceContract.get("exercisedOption").asText()).isEqualTo(optionId);
        assertThat(licenceContract.at("/terms/dealType").asText()).isEqualTo("EXCLUSIVE_LICENCE");
        assertThat(licenceContract.at("/terms/fieldOfUse").asText()).isEqualTo("textile wastewater");
        assertThat(licenceContract.at("/terms/termMonths").asInt()).isEqualTo(60);
        assertThat(licenceContract.at("/terms/price/amount").asText()).isEqualTo("800000000");
        assertThat(licenceContract.at("/terms/licenceOnExercise").isMissingNode() || licenceContract.at("/terms/licenceOnExercise").isNull()).isTrue();
        // still reserved for the licence to come: the option holds the rights until the licence takes effect
        assertThat(get("/assets/" + listingId + "/rights", TestTokens.OPERATOR).body()).contains("\"OPTION\"");
        signAs(TestTokens.FIRM, licenceId);
        signAs(TestTokens.UNIVERSITY, licenceId);
        assertThat(json(get("/contracts/" + licenceId, TestTokens.FIRM).body()).get("status").asText()).isEqualTo("ACTIVE");
        JsonNode rights = json(get("/assets/" + listingId + "/rights", TestTokens.OPERATOR).body()).get("grants");
        assertThat(rights).hasSize(1);
        assertThat(rights.get(0).get("contractId").asText()).isEqualTo(licenceId);
        assertThat(rights.get(0).get("dealType").asText()).isEqualTo("EXCLUSIVE_LICENCE");

        try (var records = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            JsonNode event = json(records.awaitRecord(r -> listingId.equals(r.key())
                    && r.valueAsString().contains("io.techex.contract.OptionExercised.v1")).valueAsString()).get("data");
            assertThat(event.get("licenceContractId").asText()).isEqualTo(licenceId);
            assertThat(event.get("exercisedOn").asText()).isEqualTo(today.toString());
        }
    }

    /**
     * The contract made from this test's deal, found by its listing: the party's other contracts, made by other tests
     * in the same context, are none of this test's business.
     */
    private String awaitContract(String person, String listingId) throws Exception {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode contract : json(get("/contracts", person).body())) {
                if (listingId.equals(contract.get("listingId").asText())) {
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

    /** A published listing, not state-funded, and a deal agreed on it; the deal's data, to announce it again. */
    private ObjectNode publishDomesticListingAndDeal(String listingId) throws Exception {
        publish("listing", "io.techex.listing.ListingPublished.v1", listingId, sample("io.techex.listing.ListingPublished.v1", listingId)
                .put("stateFunded", false));
        ObjectNode deal = sample("io.techex.bidding.DealAgreed.v1", listingId).put("dealId", UUID.randomUUID().toString());
        publish("bidding", "io.techex.bidding.DealAgreed.v1", listingId, deal);
        return deal;
    }

    /** @return the CloudEvent's id */
    private String publish(String service, String type, String listingId, JsonNode data) throws Exception {
        CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(URI.create("/techex/" + service))
                .withType(type).withSubject(listingId).withTime(OffsetDateTime.now()).withDataContentType("application/json")
                .withData(EventJson.mapper().writeValueAsBytes(data))
                .withExtension(CloudEventMapper.ACTOR_PERSON, "lan.nguyen").withExtension(CloudEventMapper.ACTOR_ORGANISATION, "hust")
                .withExtension(CloudEventMapper.ACTOR_ROLE, "UNIVERSITY").build();
        cloudEvents.send(topics.eventsOf(service), listingId, event).get();
        return event.getId();
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

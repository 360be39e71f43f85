package io.techex.listing.enquiry;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.listing.catalogue.ListingCatalogueProjection;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.listing.document.TestClient;
import io.techex.platform.redis.RedisKeys;
import io.techex.testkit.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.techex.listing.document.TestClient.json;
import static io.techex.testkit.TestTokens.FIRM;
import static io.techex.testkit.TestTokens.FOREIGN_FIRM;
import static io.techex.testkit.TestTokens.UNIVERSITY;
import static io.techex.testkit.TestTokens.UNIVERSITY_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Questions and expressions of interest over real HTTP with real tokens, into the event store and back. */
@IntegrationTest
class EnquiryHttpTest {

    private static final String SELLER = "hust";

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    ListingCatalogueProjection catalogue;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    UnifiedJedis redis;
    @Autowired
    RedisKeys keys;

    TestClient client;

    @BeforeEach
    void client() {
        client = new TestClient(port);
    }

    @Test
    void aFirmAsksTheSellerAnswersAndBothSeeIt() {
        String listingId = onTheMarket();
        HttpResponse<String> asked = client.post("/listings/" + listingId + "/enquiries",
                "{\"kind\": \"QUESTION\", \"message\": \"Đã thử nghiệm ở quy mô nào?\"}", FIRM);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        String enquiryId = json(asked).get("enquiryId").asText();
        assertThat(asked.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/enquiries/" + enquiryId));

        await().atMost(Duration.ofSeconds(10)).until(() -> enquiryIds(listingId, UNIVERSITY).contains(enquiryId));
        JsonNode seen = json(client.get("/enquiries/" + enquiryId, UNIVERSITY));
        assertThat(seen.get("firmOrganisationId").asText()).isEqualTo("mekong-biotech");
        assertThat(seen.get("askedBy").asText()).isEqualTo("thu.vo");
        assertThat(seen.get("kind").asText()).isEqualTo("QUESTION");
        assertThat(seen.get("answer").isNull()).isTrue();

        HttpResponse<String> answered = client.post("/enquiries/" + enquiryId + "/answer",
                "{\"answer\": \"Quy mô pilot, 50 m³ mỗi ngày\"}", UNIVERSITY);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !json(client.get("/enquiries/" + enquiryId, FIRM)).path("answer").isNull());
        JsonNode asFirm = json(client.get("/enquiries/" + enquiryId, FIRM));
        assertThat(asFirm.get("answer").asText()).isEqualTo("Quy mô pilot, 50 m³ mỗi ngày");
        assertThat(asFirm.get("answeredBy").asText()).isEqualTo("lan.nguyen");

        HttpResponse<String> twice = client.post("/enquiries/" + enquiryId + "/answer", "{\"answer\": \"Công nghiệp\"}", UNIVERSITY);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(json(twice).get("type").asText()).endsWith("/enquiry-already-answered");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, enquiryId))
                .isEqualTo(2);
    }

    @Test
    void aFirmRegistersItsInterestOnce() {
        String listingId = onTheMarket();
        String interest = "{\"kind\": \"INTEREST\", \"message\": \"Licence for the Mekong delta\"}";
        HttpResponse<String> registered = client.post("/listings/" + listingId + "/enquiries", interest, FIRM);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String enquiryId = json(registered).get("enquiryId").asText();

        HttpResponse<String> again = client.post("/listings/" + listingId + "/enquiries", interest, FIRM);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("type").asText()).endsWith("/interest-already-registered");
        assertThat(client.post("/listings/" + listingId + "/enquiries", interest, FOREIGN_FIRM).statusCode())
                .as("another firm's interest is its own").isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> enquiryIds(listingId, UNIVERSITY).size() == 2);
        HttpResponse<String> answered = client.post("/enquiries/" + enquiryId + "/answer", "{\"answer\": \"Thanks\"}", UNIVERSITY);
        assertThat(answered.statusCode()).isEqualTo(409);
        assertThat(json(answered).get("type").asText()).endsWith("/enquiry-not-a-question");
    }

    @Test
    void aQuestionAskedAgainAfterRedisLostItsAnswerAndTheListingLeftTheMarketIsAnsweredAsTheFirstTime() {
        String listingId = onTheMarket();
        String question = "{\"kind\": \"QUESTION\", \"message\": \"Có cần giấy phép môi trường không?\"}";
        String key = "question-" + UUID.randomUUID();
        HttpResponse<String> asked = client.post("/listings/" + listingId + "/enquiries", question, FIRM, key);
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        String enquiryId = json(asked).get("enquiryId").asText();

        assertThat(client.post("/listings/" + listingId + "/withdrawal", null, UNIVERSITY).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> catalogue.find(listingId).map(summary -> !summary.status().isPublic()).orElse(false));
        forgetEverythingInRedis();
        HttpResponse<String> again = client.post("/listings/" + listingId + "/enquiries", question, FIRM, key);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(asked.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(asked.headers().firstValue("Location"));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, enquiryId))
                .isEqualTo(1);
    }

    @Test
    void onlyTheFirmAndTheSellerSeeAnEnquiry() {
        String listingId = onTheMarket();
        String enquiryId = json(client.post("/listings/" + listingId + "/enquiries",
                "{\"kind\": \"QUESTION\", \"message\": \"Is the licence sublicensable?\"}", FIRM)).get("enquiryId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> enquiryIds(listingId, FIRM).contains(enquiryId));

        assertThat(enquiryIds(listingId, FOREIGN_FIRM)).isEmpty();
        assertThat(enquiryIds(listingId, UNIVERSITY_2)).isEmpty();
        assertThat(client.get("/enquiries/" + enquiryId, FOREIGN_FIRM).statusCode()).isEqualTo(404);
        assertThat(client.get("/enquiries/" + enquiryId, UNIVERSITY_2).statusCode()).isEqualTo(404);
        assertThat(client.post("/enquiries/" + enquiryId + "/answer", "{\"answer\": \"No\"}", UNIVERSITY_2).statusCode()).isEqualTo(404);
        assertThat(client.get("/enquiries", UNIVERSITY).statusCode()).isEqualTo(200);
    }

    @Test
    void enquiriesGoToListingsOnTheMarketAndSayWhatTheyAre() {
        String draft = TestClient.draft(commands, SELLER);
        await().atMost(Duration.ofSeconds(10)).until(() -> catalogue.find(draft).isPresent());
        assertThat(client.post("/listings/" + draft + "/enquiries", "{\"kind\": \"QUESTION\", \"message\": \"Hello?\"}", FIRM)
                .statusCode()).isEqualTo(404);

        String listingId = onTheMarket();
        HttpResponse<String> tooLong = client.post("/listings/" + listingId + "/enquiries",
                "{\"kind\": \"QUESTION\", \"message\": \"" + "x".repeat(2001) + "\"}", FIRM);
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(json(tooLong).path("errors").toString()).contains("message");
        HttpResponse<String> badKind = client.post("/listings/" + listingId + "/enquiries",
                "{\"kind\": \"COMPLAINT\", \"message\": \"Hello?\"}", FIRM);
        assertThat(badKind.statusCode()).isEqualTo(400);
        assertThat(json(badKind).path("errors").toString()).contains("kind");
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry
                WHERE payload_type = ? AND convert_from(payload, 'UTF8')::json ->> 'listingId' IN (?, ?)""",
                Integer.class, EnquiryMade.class.getName(), draft, listingId)).isZero();
    }

    @Test
    void theEnquiryModelIsRebuiltFromTheEventStore() {
        String listingId = onTheMarket();
        String enquiryId = json(client.post("/listings/" + listingId + "/enquiries",
                "{\"kind\": \"QUESTION\", \"message\": \"Royalty base?\"}", FIRM)).get("enquiryId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> enquiryIds(listingId, UNIVERSITY).contains(enquiryId));
        assertThat(client.post("/enquiries/" + enquiryId + "/answer", "{\"answer\": \"Net sales\"}", UNIVERSITY).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> !json(client.get("/enquiries/" + enquiryId, FIRM)).path("answer").isNull());
        String before = client.get("/enquiries/" + enquiryId, FIRM).body();

        StreamingEventProcessor processor = processing
                .eventProcessor(Enquiries.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(client.get("/enquiries/" + enquiryId, FIRM).statusCode()).isEqualTo(404);
        processor.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/enquiries/" + enquiryId, FIRM).body().equals(before));
    }

    // --- helpers

    private String onTheMarket() {
        String listingId = TestClient.published(commands, SELLER);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> catalogue.find(listingId).map(summary -> summary.status() == ListingStatus.PUBLISHED).orElse(false));
        return listingId;
    }

    /** What a FLUSHALL does to this service, without touching the other test contexts sharing the Redis server. */
    private void forgetEverythingInRedis() {
        var scan = new ScanParams().match(keys.prefix() + "*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var page = redis.scan(cursor, scan);
            page.getResult().forEach(redis::del);
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    private List<String> enquiryIds(String listingId, String person) {
        HttpResponse<String> response = client.get("/enquiries?listingId=" + listingId, person);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(json(response).spliterator(), false).map(node -> node.get("enquiryId").asText()).toList();
    }
}

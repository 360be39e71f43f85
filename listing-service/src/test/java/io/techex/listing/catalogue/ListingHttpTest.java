package io.techex.listing.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import redis.clients.jedis.JedisPooled;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Drafting over real HTTP, into the real event store, read back from the catalogue projection. */
@IntegrationTest
class ListingHttpTest {

    static final String DRAFT = """
            {"title": {"vi": "Phương pháp điều trị nước thải dệt nhuộm", "en": "Textile-dye wastewater treatment"},
             "summary": {"vi": "Giảm 90%% độ màu."}, "assetType": "PATENT", "readinessLevel": %d}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JedisPooled redis;
    @Autowired
    TestEnvironment env;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aUniversityDraftsAListingAndReadsItBack() throws Exception {
        HttpResponse<String> created = post("/listings", DRAFT.formatted(6), "hust", null);
        assertThat(created.statusCode()).isEqualTo(201);
        String listingId = json(created).get("listingId").asText();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/listings/" + listingId));

        await().atMost(Duration.ofSeconds(10)).until(() -> get("/listings/" + listingId, "hust").statusCode() == 200);
        JsonNode listing = json(get("/listings/" + listingId, "hust"));
        assertThat(listing.get("title").get("vi").asText()).isEqualTo("Phương pháp điều trị nước thải dệt nhuộm");
        assertThat(listing.get("status").asText()).isEqualTo("DRAFT");
        assertThat(listing.get("sellerOrganisationId").asText()).isEqualTo("hust");

        // a draft is private to its seller
        assertThat(get("/listings/" + listingId, "mekong-biotech").statusCode()).isEqualTo(404);
        assertThat(get("/listings/" + listingId, "hcmut").statusCode()).isEqualTo(404);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() throws Exception {
        // the store is shared with the context's other tests: this draft is told apart by a title of its own
        String title = "Textile-dye wastewater treatment " + UUID.randomUUID();
        HttpResponse<String> response = post("/listings", DRAFT.formatted(12).replace("Textile-dye wastewater treatment", title), "hust", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(response).path("errors").toString()).as(response.body()).contains("readinessLevel");
        assertThat(eventsMentioning(title)).isZero();
    }

    /**
     * The document says a Vietnamese title has at least one character that is not white space, as the service
     * checks; the test kit fails this test if the service refuses a title the document allows (it did: "" was
     * documented as valid).
     */
    @Test
    void anEmptyOrBlankTitleIsRefusedAsTheDocumentSays() throws Exception {
        for (String title : new String[]{"", "   "}) {
            String draft = DRAFT.formatted(5).replace("\"vi\": \"Phương pháp điều trị nước thải dệt nhuộm\"", "\"vi\": \"" + title + "\"");
            HttpResponse<String> response = post("/listings", draft, "hust", null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(json(response).path("errors").toString()).contains("title.vi");
        }
    }

    @Test
    void aRetriedDraftWithTheSameIdempotencyKeyDraftsOnce() throws Exception {
        String key = "draft-" + UUID.randomUUID();
        HttpResponse<String> first = post("/listings", DRAFT.formatted(5), "hust", key);
        HttpResponse<String> retry = post("/listings", DRAFT.formatted(5), "hust", key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        String listingId = json(first).get("listingId").asText();
        assertThat(eventsOf(listingId)).isEqualTo(1);
    }

    @Test
    void aRetryThatOutlivedItsRedisRecordStillDraftsOnce() throws Exception {
        String key = "draft-" + UUID.randomUUID();
        HttpResponse<String> first = post("/listings", DRAFT.formatted(5), "hust", key);
        // Redis holds only what may be lost: lose this key's record (the other tests of the context keep theirs)
        var record = redis.keys("techex:" + env.namespace() + ":idem:*:" + key);
        assertThat(record).as("the idempotency record of " + key).hasSize(1);
        record.forEach(redis::del);
        HttpResponse<String> retry = post("/listings", DRAFT.formatted(5), "hust", key);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        String listingId = json(first).get("listingId").asText();
        assertThat(eventsOf(listingId)).isEqualTo(1);
    }

    @Test
    void theSellerRevisesItsDraftAndAnotherOrganisationCannot() throws Exception {
        String listingId = json(post("/listings", DRAFT.formatted(4), "hust", null)).get("listingId").asText();
        assertThat(put("/listings/" + listingId + "/draft", DRAFT.formatted(5), "hust").statusCode()).isEqualTo(200);
        assertThat(put("/listings/" + listingId + "/draft", DRAFT.formatted(5), "hcmut").statusCode()).isEqualTo(404);
        assertThat(eventsOf(listingId)).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> json(get("/listings/" + listingId, "hust")).path("revision").asInt() == 1);
    }

    @Test
    void anUnknownListingIsAProblem() throws Exception {
        HttpResponse<String> response = put("/listings/" + UUID.randomUUID() + "/draft", DRAFT.formatted(5), "hust");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(get("/listings/not-a-uuid", "hust").statusCode()).isEqualTo(400);
    }

    @Test
    void healthAndTheOpenApiDocumentAreServed() throws Exception {
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET()).body()).contains("UP");
        assertThat(send(HttpRequest.newBuilder(uri("/v3/api-docs")).GET()).body()).contains("/listings/{listingId}/draft");
    }

    private int eventsMentioning(String text) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE strpos(convert_from(payload, 'UTF8'), ?) > 0",
                Integer.class, text);
    }

    private int eventsOf(String listingId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, listingId);
    }

    private HttpResponse<String> post(String path, String body, String organisation, String idempotencyKey) throws IOException, InterruptedException {
        var request = as(HttpRequest.newBuilder(uri(path)), organisation)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private HttpResponse<String> put(String path, String body, String organisation) throws IOException, InterruptedException {
        return send(as(HttpRequest.newBuilder(uri(path)), organisation)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String path, String organisation) throws IOException, InterruptedException {
        return send(as(HttpRequest.newBuilder(uri(path)), organisation).GET());
    }

    /** Acts as the demo person of {@code organisation}, with the token the authorization server gave them. */
    private static HttpRequest.Builder as(HttpRequest.Builder request, String organisation) {
        String person = switch (organisation) {
            case "hust" -> TestTokens.UNIVERSITY;
            case "hcmut" -> TestTokens.UNIVERSITY_2;
            case "mekong-biotech" -> TestTokens.FIRM;
            default -> throw new IllegalArgumentException("no demo person of " + organisation);
        };
        return request.header("Authorization", TestTokens.get().bearer(person));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return EventJson.mapper().readTree(response.body());
    }
}

package io.techex.listing.need;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.listing.api.NeedExpired;
import io.techex.listing.document.TestClient;
import io.techex.testkit.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.techex.listing.document.TestClient.json;
import static io.techex.testkit.TestTokens.FIRM;
import static io.techex.testkit.TestTokens.FOREIGN_FIRM;
import static io.techex.testkit.TestTokens.OPERATOR;
import static io.techex.testkit.TestTokens.REGULATOR;
import static io.techex.testkit.TestTokens.UNIVERSITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Needs over real HTTP with real tokens: drafting, publishing, who sees what, moderation, expiry at the deadline. */
@IntegrationTest
class NeedHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    TestClient client;

    @BeforeEach
    void client() {
        client = new TestClient(port);
    }

    private String drafted(String body, String person) {
        HttpResponse<String> created = client.post("/needs", body, person);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).get("needId").asText();
    }

    private JsonNode awaitNeed(String needId, String person, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<String> seen = client.get("/needs/" + needId, person);
            return seen.statusCode() == 200 && json(seen).get("status").asText().equals(status);
        });
        return json(client.get("/needs/" + needId, person));
    }

    private static Instant inDays(int days) {
        return Instant.now().plus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void aFirmPostsANeedThatEveryoneReadsWithoutItsOwner() {
        String word = TestNeeds.word();
        HttpResponse<String> created = client.post("/needs", TestNeeds.body(word, inDays(60), false), FIRM);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String needId = json(created).get("needId").asText();
        assertThat(created.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/needs/" + needId));
        assertThat(json(created).get("status").asText()).isEqualTo("DRAFT");

        JsonNode draft = awaitNeed(needId, FIRM, "DRAFT");
        assertThat(draft.get("ownerOrganisationId").asText()).isEqualTo("mekong-biotech");
        assertThat(draft.get("ownerKind").asText()).isEqualTo("STATE_AGENCY");
        // money is a decimal string, also when the request sent a number
        assertThat(draft.get("budget").get("min").isTextual()).isTrue();
        assertThat(draft.get("budget").get("min").asText()).isEqualTo("500000000");
        assertThat(draft.get("budget").get("max").asText()).isEqualTo("2000000000");
        assertThat(draft.get("budget").get("currency").asText()).isEqualTo("VND");
        // a draft is its owner's, the operator's and regulators'
        assertThat(client.get("/needs/" + needId, UNIVERSITY).statusCode()).isEqualTo(404);
        assertThat(client.get("/needs/" + needId, FOREIGN_FIRM).statusCode()).isEqualTo(404);
        assertThat(client.get("/needs/" + needId, OPERATOR).statusCode()).isEqualTo(200);
        assertThat(client.post("/needs/" + needId + "/publication", null, FOREIGN_FIRM).statusCode()).isEqualTo(404);

        HttpResponse<String> published = client.post("/needs/" + needId + "/publication", null, FIRM);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(json(published).get("status").asText()).isEqualTo("PUBLISHED");
        JsonNode seen = awaitNeed(needId, UNIVERSITY, "PUBLISHED");
        assertThat(seen.get("ownerOrganisationId").isNull()).as("the owner's name is not public").isTrue();
        assertThat(seen.get("title").get("vi").asText()).contains(word);
        assertThat(json(client.get("/needs/" + needId, REGULATOR)).get("ownerOrganisationId").asText()).isEqualTo("mekong-biotech");

        // found without diacritics, in the published list, and among the firm's own
        assertThat(browse("q=" + enc("xu ly asen " + word), UNIVERSITY)).contains(needId);
        assertThat(browse("q=" + enc("arsenic " + word) + "&ipc=C02F", FOREIGN_FIRM)).contains(needId);
        assertThat(browse("q=" + enc(word) + "&ipc=A01", UNIVERSITY)).doesNotContain(needId);
        assertThat(StreamSupport.stream(json(client.get("/needs/mine", FIRM)).spliterator(), false)
                .map(n -> n.get("needId").asText()).toList()).contains(needId);
        assertThat(client.post("/needs/" + needId + "/publication", null, FIRM).statusCode()).isEqualTo(409);
    }

    @Test
    void anOwnerWhoseNameIsPublicIsNamedToEveryone() {
        String needId = drafted(TestNeeds.body(TestNeeds.word(), inDays(30), true), FOREIGN_FIRM);
        assertThat(client.post("/needs/" + needId + "/publication", null, FOREIGN_FIRM).statusCode()).isEqualTo(200);
        assertThat(awaitNeed(needId, UNIVERSITY, "PUBLISHED").get("ownerOrganisationId").asText()).isEqualTo("kyoto-materials");
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() {
        String word = TestNeeds.word();
        HttpResponse<String> trl = client.post("/needs", TestNeeds.body(word, null, false).replace("\"minReadinessLevel\": 6",
                "\"minReadinessLevel\": 12"), FIRM);
        assertThat(trl.statusCode()).isEqualTo(400);
        assertThat(trl.body()).contains("minReadinessLevel");
        HttpResponse<String> ipc = client.post("/needs", TestNeeds.body(word, null, false).replace("[\"C02F\"]", "[\"water\"]"), FIRM);
        assertThat(ipc.statusCode()).isEqualTo(422);
        assertThat(json(ipc).get("errors").get(0).get("field").asText()).isEqualTo("ipcClasses[0]");
        HttpResponse<String> noTitle = client.post("/needs", TestNeeds.body(word, null, false)
                .replace("\"title\": {\"vi\": \"Xử lý nước nhiễm asen " + word + "\", \"en\": \"Arsenic removal " + word + "\"}", "\"title\": {}"), FIRM);
        assertThat(noTitle.statusCode()).as(noTitle.body()).isEqualTo(422);
        assertThat(json(noTitle).get("errors").get(0).get("field").asText()).isEqualTo("title");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM need_view WHERE title_en LIKE ?", Integer.class, "%" + word + "%")).isZero();

        // a draft without a deadline is fine; publishing it is not
        String needId = drafted(TestNeeds.body(word, null, false), FIRM);
        HttpResponse<String> noDeadline = client.post("/needs/" + needId + "/publication", null, FIRM);
        assertThat(noDeadline.statusCode()).isEqualTo(422);
        assertThat(json(noDeadline).get("errors").get(0).get("field").asText()).isEqualTo("deadline");
        HttpResponse<String> past = client.put("/needs/" + needId, TestNeeds.body(word, Instant.now().minusSeconds(60), false), FIRM);
        assertThat(past.statusCode()).as("a draft may hold any deadline").isEqualTo(200);
        assertThat(client.post("/needs/" + needId + "/publication", null, FIRM).statusCode()).isEqualTo(422);
        assertThat(client.get("/needs?status=DRAFT", UNIVERSITY).statusCode()).isEqualTo(422);
    }

    @Test
    void aPublishedNeedIsRevisedInPlaceClosedOnceAndThenFinal() {
        String word = TestNeeds.word();
        String needId = drafted(TestNeeds.body(word, inDays(30), false), FIRM);
        client.post("/needs/" + needId + "/publication", null, FIRM);
        HttpResponse<String> revised = client.put("/needs/" + needId, TestNeeds.body(word, inDays(45), false)
                .replace("\"minReadinessLevel\": 6", "\"minReadinessLevel\": 5"), FIRM);
        assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
        assertThat(json(revised).get("status").asText()).isEqualTo("PUBLISHED");
        await().atMost(Duration.ofSeconds(10)).until(() -> json(client.get("/needs/" + needId, FIRM)).get("minReadinessLevel").asInt() == 5);
        assertThat(client.put("/needs/" + needId, TestNeeds.body(word, inDays(45), false), FOREIGN_FIRM).statusCode()).isEqualTo(404);

        HttpResponse<String> closed = client.post("/needs/" + needId + "/closure", "{\"reason\": \"Đã tìm được giải pháp\"}", FIRM);
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        JsonNode seen = awaitNeed(needId, FIRM, "CLOSED");
        assertThat(seen.get("endedReason").asText()).isEqualTo("Đã tìm được giải pháp");
        assertThat(json(client.get("/needs/" + needId, UNIVERSITY)).get("endedReason").isNull()).isTrue();
        HttpResponse<String> again = client.post("/needs/" + needId + "/closure", null, FIRM);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("type").asText()).endsWith("/need-ended");
        assertThat(client.put("/needs/" + needId, TestNeeds.body(word, inDays(45), false), FIRM).statusCode()).isEqualTo(409);
    }

    @Test
    void theOperatorTakesAnAbusiveNeedDownAndOnlyInsidersStillSeeIt() {
        String needId = drafted(TestNeeds.body(TestNeeds.word(), inDays(30), false), FIRM);
        client.post("/needs/" + needId + "/publication", null, FIRM);
        HttpResponse<String> noReason = client.post("/needs/" + needId + "/takedown", "{}", OPERATOR);
        assertThat(noReason.statusCode()).isEqualTo(400);
        HttpResponse<String> takenDown = client.post("/needs/" + needId + "/takedown", "{\"reason\": \"Quảng cáo\"}", OPERATOR);
        assertThat(takenDown.statusCode()).as(takenDown.body()).isEqualTo(200);
        awaitNeed(needId, FIRM, "TAKEN_DOWN");
        assertThat(client.get("/needs/" + needId, UNIVERSITY).statusCode()).isEqualTo(404);
        assertThat(json(client.get("/needs/" + needId, REGULATOR)).get("endedReason").asText()).isEqualTo("Quảng cáo");
    }

    @Test
    void aPublishedNeedExpiresAtItsDeadlineAsTheExchangeItself() {
        String needId = drafted(TestNeeds.body(TestNeeds.word(), Instant.now().plusSeconds(3), false), FIRM);
        int scheduled = jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class);
        assertThat(client.post("/needs/" + needId + "/publication", null, FIRM).statusCode()).isEqualTo(200);
        // persisted, so that it fires after a restart too (an in-memory deadline manager would fire it as well, but
        // leave no row)
        assertThat(jdbc.queryForObject("SELECT count(*) FROM scheduled_tasks", Integer.class)).isEqualTo(scheduled + 1);
        awaitNeed(needId, FIRM, "EXPIRED");
        String metadata = new String(jdbc.queryForObject("""
                SELECT meta_data FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%NeedExpired'""",
                byte[].class, needId), StandardCharsets.UTF_8);
        assertThat(metadata).contains("\"actorPerson\":\"listing-service\"").contains("\"actorRole\":\"SYSTEM\"");
        assertThat(client.post("/needs/" + needId + "/closure", null, FIRM).statusCode()).isEqualTo(409);
    }

    @Test
    void aRetriedDraftWithTheSameKeyDraftsOnce() {
        String body = TestNeeds.body(TestNeeds.word(), inDays(30), false);
        String key = "need-" + UUID.randomUUID();
        HttpResponse<String> first = client.post("/needs", body, FIRM, key);
        HttpResponse<String> second = client.post("/needs", body, FIRM, key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(second).get("needId").asText()).isEqualTo(json(first).get("needId").asText());
    }

    private List<String> browse(String query, String person) {
        HttpResponse<String> page = client.get("/needs?" + query, person);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return StreamSupport.stream(json(page).get("needs").spliterator(), false).map(n -> n.get("needId").asText()).toList();
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}

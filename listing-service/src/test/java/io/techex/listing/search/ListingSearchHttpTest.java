package io.techex.listing.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A firm finds technologies over HTTP, typing Vietnamese with or without its diacritics. */
@IntegrationTest
class ListingSearchHttpTest {

    static final String LISTING = """
            {"title": {"vi": "%s", "en": "%s"}, "summary": {"vi": "%s"},
             "assetType": "%s", "readinessLevel": %d, "keywords": ["%s"],
             "ipTitles": [{"office": "VN", "number": "2-%s", "filingDate": "2020-01-10", "grantDate": "2021-02-01",
                           "expiryDate": "2030-01-10", "owners": [{"organisationId": "hust", "name": "HUST", "sharePercent": "100"}]}],
             "dealTypes": [{"dealType": "NON_EXCLUSIVE_LICENCE"}], "askingPrice": {"amount": "%s"},
             "regulatoryCategory": "ORDINARY"}""";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void dieuTriFindsDieuTriWithDiacriticsAndFiltersNarrowIt() throws Exception {
        String marker = "m" + UUID.randomUUID().toString().substring(0, 8);
        String treatment = publish("Phương pháp điều trị nước thải " + marker, "Wastewater treatment " + marker,
                "Xử lý nước thải dệt nhuộm.", "UTILITY_SOLUTION", 7, marker, "900000000");
        String vaccine = publish("Vắc xin cúm gia cầm " + marker, "Avian flu vaccine " + marker,
                "Điều trị và phòng bệnh cho gia cầm.", "PATENT", 5, marker, "2500000000");
        String draftOnly = draft("Điều trị bí mật " + marker, "Secret treatment " + marker, "Chưa công bố.", "PATENT", 3, marker, "1");

        await().atMost(Duration.ofSeconds(15)).until(() -> ids(search("q=" + encode("dieu tri " + marker))).size() == 2);
        assertThat(ids(search("q=" + encode("dieu tri " + marker)))).containsExactly(treatment, vaccine)
                .doesNotContain(draftOnly);
        assertThat(ids(search("q=" + encode("điều trị " + marker)))).containsExactlyInAnyOrder(treatment, vaccine);
        assertThat(ids(search("q=" + encode("wastewater " + marker)))).containsExactly(treatment);

        assertThat(ids(search("q=" + marker + "&assetType=PATENT"))).containsExactly(vaccine);
        assertThat(ids(search("q=" + marker + "&trlMin=6&trlMax=9"))).containsExactly(treatment);
        assertThat(ids(search("q=" + marker + "&priceMax=1000000000&currency=VND"))).containsExactly(treatment);
        assertThat(ids(search("q=" + marker + "&dealType=ASSIGNMENT"))).isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithoutRepeatsOrGaps() throws Exception {
        String marker = "p" + UUID.randomUUID().toString().substring(0, 8);
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            published.add(publish("Cảm biến độ mặn " + i + " " + marker, "Salinity sensor " + i + " " + marker,
                    "Cảm biến giá rẻ.", "TECHNICAL_SOLUTION", 4, marker, "100000000"));
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> ids(search("q=" + marker + "&limit=100")).size() == 5);

        List<String> seen = new ArrayList<>();
        String query = "q=" + marker + "&sort=NEWEST&limit=2";
        JsonNode page = search(query);
        seen.addAll(ids(page));
        while (page.hasNonNull("nextCursor")) {
            page = search(query + "&cursor=" + encode(page.get("nextCursor").asText()));
            seen.addAll(ids(page));
        }

        assertThat(seen).hasSize(5).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(published);
    }

    @Test
    void draftsAreFoundByThoseWhoMaySeeThemAndBadFiltersAreNamed() throws Exception {
        String marker = "d" + UUID.randomUUID().toString().substring(0, 8);
        String ours = draft("Bản nháp " + marker, "Draft " + marker, "Chưa công bố.", "PATENT", 3, marker, "1000");
        String theirs = draft("Bản nháp khác " + marker, "Another draft " + marker, "Chưa công bố.", "PATENT", 3, marker,
                "1000", TestTokens.UNIVERSITY_2);
        String query = "/listings?status=DRAFT&q=" + marker;
        await().atMost(Duration.ofSeconds(15)).until(() -> ids(json(get(query, TestTokens.OPERATOR))).size() == 2);

        // the document lists DRAFT among the statuses; each caller finds the drafts it may see, as GET /listings/{id} shows them
        assertThat(ids(json(get(query, TestTokens.OPERATOR)))).containsExactlyInAnyOrder(ours, theirs);
        assertThat(ids(json(get(query, TestTokens.REGULATOR)))).containsExactlyInAnyOrder(ours, theirs);
        assertThat(ids(json(get(query, TestTokens.UNIVERSITY)))).containsExactly(ours);
        assertThat(ids(json(get(query, TestTokens.UNIVERSITY_2)))).containsExactly(theirs);
        assertThat(ids(json(get(query, TestTokens.FIRM)))).isEmpty();
        // a public status beside it still finds everyone's listings in that status
        assertThat(get("/listings?status=DRAFT&status=PUBLISHED", TestTokens.FIRM).statusCode()).isEqualTo(200);

        // the document says a readiness level is 1 to 9, so 12 is malformed input; a range upside down breaks a rule
        HttpResponse<String> badLevel = get("/listings?trlMin=12", TestTokens.FIRM);
        assertThat(badLevel.statusCode()).as(badLevel.body()).isEqualTo(400);
        assertThat(badLevel.body()).contains("trlMin");
        HttpResponse<String> upsideDown = get("/listings?trlMin=7&trlMax=5", TestTokens.FIRM);
        assertThat(upsideDown.statusCode()).as(upsideDown.body()).isEqualTo(422);
        assertThat(upsideDown.body()).contains("minReadiness");
        assertThat(get("/listings?assetType=SPACESHIP", TestTokens.FIRM).statusCode()).isEqualTo(400);
    }

    private String publish(String titleVi, String titleEn, String summary, String assetType, int trl, String keyword,
                           String price) throws Exception {
        String listingId = draft(titleVi, titleEn, summary, assetType, trl, keyword, price);
        step("POST", listingId, "/submission", null, TestTokens.UNIVERSITY);
        step("POST", listingId, "/ownership-verification", null, TestTokens.OPERATOR);
        step("PUT", listingId, "/sale-mode", "{\"saleMode\": \"NEGOTIATION\"}", TestTokens.UNIVERSITY);
        step("POST", listingId, "/publication", null, TestTokens.UNIVERSITY);
        return listingId;
    }

    private String draft(String titleVi, String titleEn, String summary, String assetType, int trl, String keyword,
                         String price) throws Exception {
        return draft(titleVi, titleEn, summary, assetType, trl, keyword, price, TestTokens.UNIVERSITY);
    }

    private String draft(String titleVi, String titleEn, String summary, String assetType, int trl, String keyword,
                         String price, String seller) throws Exception {
        String organisation = seller.equals(TestTokens.UNIVERSITY) ? "hust" : "hcmut";
        String body = LISTING.formatted(titleVi, titleEn, summary, assetType, trl, keyword,
                String.valueOf(System.nanoTime() % 100_000_000), price).replace("\"hust\"", "\"" + organisation + "\"");
        HttpResponse<String> created = send("POST", "/listings", body, seller);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return EventJson.mapper().readTree(created.body()).get("listingId").asText();
    }

    private void step(String method, String listingId, String step, String body, String person) throws Exception {
        HttpResponse<String> response = send(method, "/listings/" + listingId + step, body, person);
        assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(200);
    }

    private JsonNode search(String query) throws Exception {
        HttpResponse<String> response = get("/listings?" + query, TestTokens.FIRM);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EventJson.mapper().readTree(response.body());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return EventJson.mapper().readTree(response.body());
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("hits").forEach(hit -> ids.add(hit.get("listingId").asText()));
        return ids;
    }

    private HttpResponse<String> get(String path, String person) throws Exception {
        return send("GET", path, null, person);
    }

    private HttpResponse<String> send(String method, String path, String body, String person) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.get().bearer(person));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

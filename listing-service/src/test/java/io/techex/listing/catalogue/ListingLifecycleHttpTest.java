package io.techex.listing.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A listing's way to the market over HTTP, as its seller, the operator, a co-owner and a firm see it, against the
 * real event store and catalogue.
 */
@IntegrationTest
class ListingLifecycleHttpTest {

    /** A patent held 70/30 by hust and hcmut: hcmut must consent before hust may publish. */
    static final String JOINT_PATENT = """
            {"title": {"vi": "Vật liệu nano hấp phụ thuốc nhuộm", "en": "Dye-adsorbing nanomaterial"},
             "summary": {"vi": "Xử lý nước thải dệt nhuộm, giảm 90%% độ màu.", "en": "Removes 90%% of colour from textile wastewater."},
             "assetType": "PATENT", "readinessLevel": 6,
             "ipTitles": [{"office": "VN", "number": "1-00%s", "kind": "B1", "filingDate": "2019-03-14",
                           "grantDate": "2021-06-01", "expiryDate": "%s",
                           "owners": [{"organisationId": "hust", "name": "Đại học Bách khoa Hà Nội", "sharePercent": "70"},
                                      {"organisationId": "hcmut", "name": "Trường Đại học Bách khoa – ĐHQG-HCM", "sharePercent": "30"}]}],
             "ipcClasses": ["C02F 1/28"], "keywords": ["nước thải", "wastewater"],
             "dealTypes": [{"dealType": "NON_EXCLUSIVE_LICENCE", "territory": "VN"}, {"dealType": "ASSIGNMENT"}],
             "askingPrice": {"amount": "1500000000"}, "regulatoryCategory": "ENCOURAGED", "stateFunded": true}""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aJointPatentGoesFromDraftToTheMarketAndOffIt() throws Exception {
        String listingId = draft(LocalDate.now().plusYears(10));

        assertThat(call("POST", listingId, "/submission", null, TestTokens.UNIVERSITY).statusCode()).isEqualTo(200);
        assertProblem(call("POST", listingId, "/publication", null, TestTokens.UNIVERSITY), 409, "ownership-not-verified");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                send("GET", "/listings/awaiting-verification", null, TestTokens.OPERATOR).body().contains(listingId));

        assertThat(call("POST", listingId, "/ownership-verification", null, TestTokens.OPERATOR).statusCode()).isEqualTo(200);
        assertThat(call("PUT", listingId, "/sale-mode", "{\"saleMode\": \"NEGOTIATION\"}", TestTokens.UNIVERSITY).statusCode()).isEqualTo(200);
        JsonNode waiting = assertProblem(call("POST", listingId, "/publication", null, TestTokens.UNIVERSITY), 409, "co-owner-consent-missing");
        assertThat(waiting.get("detail").asText()).contains("hcmut");

        assertThat(call("POST", listingId, "/co-owner-consent", null, TestTokens.UNIVERSITY_2).statusCode()).isEqualTo(200);
        HttpResponse<String> published = call("POST", listingId, "/publication", null, TestTokens.UNIVERSITY);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(json(published).get("status").asText()).isEqualTo("PUBLISHED");

        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", listingId, "", null, TestTokens.FIRM).statusCode() == 200);
        JsonNode page = json(call("GET", listingId, "", null, TestTokens.FIRM));
        assertThat(page.get("status").asText()).isEqualTo("PUBLISHED");
        // what a listing page shows a firm: titles, owners and shares, classes, deals, price, category, sale mode
        assertThat(page.at("/ipTitles/0/owners/1/organisationId").asText()).isEqualTo("hcmut");
        assertThat(page.at("/ipTitles/0/owners/1/sharePercent").asText()).isEqualTo("30");
        assertThat(page.at("/ipTitles/0/expiryDate").asText()).isNotBlank();
        assertThat(page.at("/ipcClasses/0").asText()).isEqualTo("C02F 1/28");
        assertThat(page.at("/dealTypes/0/territory").asText()).isEqualTo("VN");
        assertThat(page.at("/askingPrice/amount").asText()).isEqualTo("1500000000");
        assertThat(page.get("regulatoryCategory").asText()).isEqualTo("ENCOURAGED");
        assertThat(page.get("stateFunded").asBoolean()).isTrue();
        assertThat(page.get("saleMode").asText()).isEqualTo("NEGOTIATION");
        // the consents are the parties' business
        assertThat(page.get("coOwnerConsents")).isEmpty();
        assertThat(json(call("GET", listingId, "", null, TestTokens.UNIVERSITY)).get("coOwnerConsents").toString())
                .isEqualTo("[\"hcmut\"]");

        // a firm cannot take someone else's listing off the market; the seller can, and then it is out of sight
        assertThat(call("POST", listingId, "/withdrawal", "{}", TestTokens.FIRM).statusCode()).isEqualTo(403);
        assertThat(call("POST", listingId, "/withdrawal", "{\"reason\": \"Licensed outside the exchange\"}", TestTokens.UNIVERSITY).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", listingId, "", null, TestTokens.FIRM).statusCode() == 404);
        assertThat(json(call("GET", listingId, "", null, TestTokens.UNIVERSITY)).get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(send("GET", "/listings/mine", null, TestTokens.UNIVERSITY).body()).contains(listingId);
        assertThat(send("GET", "/listings/mine", null, TestTokens.FIRM).body()).doesNotContain(listingId);
    }

    @Test
    void aRejectedOwnershipNeedsAReasonAndTheSellerMaySubmitAgain() throws Exception {
        String listingId = draft(LocalDate.now().plusYears(10));
        call("POST", listingId, "/submission", null, TestTokens.UNIVERSITY);

        JsonNode noReason = assertProblem(call("POST", listingId, "/ownership-rejection", "{}", TestTokens.OPERATOR), 400, "invalid-request");
        assertThat(noReason.get("errors").get(0).get("field").asText()).isEqualTo("reason");
        assertThat(call("POST", listingId, "/ownership-rejection",
                "{\"reason\": \"The assignment deed from the inventors is missing\"}", TestTokens.OPERATOR).statusCode()).isEqualTo(200);
        assertProblem(call("POST", listingId, "/ownership-verification", null, TestTokens.OPERATOR), 409, null);
        // the seller reads why, to put it right
        await().atMost(Duration.ofSeconds(10)).until(() -> json(call("GET", listingId, "", null, TestTokens.UNIVERSITY))
                .path("ownershipRejection").asText().equals("The assignment deed from the inventors is missing"));
        assertThat(json(call("GET", listingId, "", null, TestTokens.UNIVERSITY)).get("status").asText())
                .isEqualTo("OWNERSHIP_REJECTED");

        assertThat(call("POST", listingId, "/submission", null, TestTokens.UNIVERSITY).statusCode()).isEqualTo(200);
        assertThat(call("POST", listingId, "/ownership-verification", null, TestTokens.OPERATOR).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> json(call("GET", listingId, "", null, TestTokens.UNIVERSITY))
                .path("ownershipRejection").isNull());
    }

    @Test
    void twoOperatorsVerifyingAtOnceOneWinsTheOtherGetsAConflict() throws Exception {
        String listingId = draft(LocalDate.now().plusYears(10));
        call("POST", listingId, "/submission", null, TestTokens.UNIVERSITY);
        int eventsBefore = events(listingId);

        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> verify = () -> {
            start.await();
            return call("POST", listingId, "/ownership-verification", null, TestTokens.OPERATOR).statusCode();
        };
        List<Integer> statuses;
        try (var operators = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> answers = List.of(operators.submit(verify), operators.submit(verify));
            start.countDown();
            statuses = List.of(answers.get(0).get(), answers.get(1).get());
        }

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(events(listingId)).isEqualTo(eventsBefore + 1);
    }

    @Test
    void aListingWhoseTitleHasExpiredIsNotPublished() throws Exception {
        String listingId = draft(LocalDate.now().minusDays(1));
        call("POST", listingId, "/submission", null, TestTokens.UNIVERSITY);
        call("POST", listingId, "/ownership-verification", null, TestTokens.OPERATOR);
        call("PUT", listingId, "/sale-mode", "{\"saleMode\": \"AUCTION\"}", TestTokens.UNIVERSITY);
        call("POST", listingId, "/co-owner-consent", null, TestTokens.UNIVERSITY_2);
        int eventsBefore = events(listingId);

        JsonNode refused = assertProblem(call("POST", listingId, "/publication", null, TestTokens.UNIVERSITY), 409, "ip-title-expired");

        assertThat(refused.get("detail").asText()).contains("expired");
        assertThat(events(listingId)).isEqualTo(eventsBefore);
    }

    @Test
    void anotherUniversityCannotActOnTheListingAndIsToldItDoesNotExist() throws Exception {
        String listingId = draft(LocalDate.now().plusYears(10));

        assertThat(call("POST", listingId, "/submission", null, TestTokens.UNIVERSITY_2).statusCode()).isEqualTo(404);
        assertThat(call("GET", listingId, "", null, TestTokens.UNIVERSITY_2).statusCode()).isEqualTo(404);
        assertThat(call("GET", listingId, "", null, TestTokens.OPERATOR).statusCode()).isEqualTo(200);
    }

    private String draft(LocalDate expiry) throws Exception {
        String number = String.valueOf(System.nanoTime() % 100_000_000);
        HttpResponse<String> created = send("POST", "/listings", JOINT_PATENT.formatted(number, expiry), TestTokens.UNIVERSITY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String listingId = json(created).get("listingId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", listingId, "", null, TestTokens.UNIVERSITY).statusCode() == 200);
        return listingId;
    }

    private int events(String listingId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Integer.class, listingId);
    }

    private HttpResponse<String> call(String method, String listingId, String step, String body, String person) throws Exception {
        return send(method, "/listings/" + listingId + step, body, person);
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

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String slug) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        if (slug != null) {
            assertThat(problem.get("type").asText()).isEqualTo("https://techex.io/problems/" + slug);
        }
        return problem;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return EventJson.mapper().readTree(response.body());
    }
}

package io.techex.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.audit.AuditServiceApplication;
import io.techex.contracts.EventJson;
import io.techex.listing.ListingServiceApplication;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.TestTokens;
import io.techex.testkit.openapi.OpenApiConformance;
import io.techex.testkit.openapi.OpenApiConformanceExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The first flow across services, through the real broker and database: a university drafts a listing in
 * listing-service, the relay publishes ListingDrafted, audit-service records it, and a regulator reads the trail
 * naming who did what and when; and the same for a need, the proposal answering it and the match found.
 */
@ExtendWith(OpenApiConformanceExtension.class)
class ListingToAuditEndToEndTest {

    static ConfigurableApplicationContext listing;
    static ConfigurableApplicationContext audit;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startBothServices() {
        TestEnvironment env = TestInfrastructure.get().newEnvironment("e2e");
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("server.port", 0);
        listing = new SpringApplicationBuilder(ListingServiceApplication.class)
                .initializers(OpenApiConformance.initializer())
                .run(TechExLocal.arguments(ListingServiceApplication.CONFIG_NAME, properties));
        audit = new SpringApplicationBuilder(AuditServiceApplication.class)
                .initializers(OpenApiConformance.initializer())
                .run(TechExLocal.arguments(AuditServiceApplication.CONFIG_NAME, properties));
    }

    @AfterAll
    static void stopBothServices() {
        if (audit != null) {
            audit.close();
        }
        if (listing != null) {
            listing.close();
        }
    }

    @Test
    void aDraftedListingAppearsInTheRegulatorsTrailWithWhoDidWhatAndWhen() throws Exception {
        HttpResponse<String> created = send(listing, "POST", "/listings", """
                {"title": {"vi": "Vắc xin cúm gia cầm H5N1", "en": "H5N1 avian influenza vaccine"},
                 "summary": {"vi": "Vắc xin bất hoạt cho gia cầm, đã qua thử nghiệm thực địa."},
                 "assetType": "PATENT", "readinessLevel": 7}""", "lan.nguyen");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String listingId = EventJson.mapper().readTree(created.body()).get("listingId").asText();
        assertThat(send(listing, "PUT", "/listings/" + listingId + "/draft", """
                {"title": {"vi": "Vắc xin cúm gia cầm H5N1 thế hệ 2"},
                 "summary": {"vi": "Vắc xin bất hoạt cho gia cầm."},
                 "assetType": "PATENT", "readinessLevel": 8}""", "hoa.pham").statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> trail = send(audit, "GET", "/audit/assets/" + listingId + "/trail", null, TestTokens.REGULATOR);
            return trail.statusCode() == 200 && EventJson.mapper().readTree(trail.body()).get("entries").size() == 2;
        });
        JsonNode trail = EventJson.mapper().readTree(
                send(audit, "GET", "/audit/assets/" + listingId + "/trail", null, TestTokens.REGULATOR).body());

        assertThat(trail.get("asset").get("titleVi").asText()).isEqualTo("Vắc xin cúm gia cầm H5N1 thế hệ 2");
        JsonNode drafted = trail.get("entries").get(0);
        assertThat(drafted.get("type").asText()).isEqualTo("io.techex.listing.ListingDrafted.v1");
        assertThat(drafted.get("source").asText()).isEqualTo("/techex/listing-service");
        assertThat(drafted.get("actor").get("person").asText()).isEqualTo("lan.nguyen");
        assertThat(drafted.get("actor").get("organisation").asText()).isEqualTo("hust");
        assertThat(drafted.get("actor").get("role").asText()).isEqualTo("UNIVERSITY");
        assertThat(drafted.get("occurredAt").asText()).isNotBlank();
        assertThat(drafted.get("data").get("readinessLevel").asInt()).isEqualTo(7);
        JsonNode revised = trail.get("entries").get(1);
        assertThat(revised.get("type").asText()).isEqualTo("io.techex.listing.ListingDraftRevised.v1");
        assertThat(revised.get("actor").get("person").asText()).isEqualTo("hoa.pham");
        assertThat(revised.get("actor").get("organisation").asText()).isEqualTo("hust");

        // the trail is the regulators': the university whose listing it is gets 403 from audit-service
        assertThat(send(audit, "GET", "/audit/assets/" + listingId + "/trail", null, "lan.nguyen").statusCode()).isEqualTo(403);
    }

    /**
     * The two services share one database, as in the launcher, each connected as its own role (issue #18): listing's
     * cannot read or write audit's schema, nor audit's listing's, and audit's may not rewrite its own log.
     */
    @Test
    void eachServiceConnectsAsItsOwnRoleAndCannotTouchTheOthersSchema() {
        JdbcTemplate listingDb = listing.getBean(JdbcTemplate.class);
        JdbcTemplate auditDb = audit.getBean(JdbcTemplate.class);
        assertThat(listingDb.queryForObject("SELECT current_user", String.class)).isEqualTo("techex_listing");
        assertThat(auditDb.queryForObject("SELECT current_user", String.class)).isEqualTo("techex_audit");
        assertThat(listingDb.queryForObject("SELECT count(*) >= 0 FROM listing.domain_event_entry", Boolean.class)).isTrue();
        for (String sql : List.of("SELECT count(*) FROM audit.trail_entry", "SELECT count(*) FROM audit.token_entry",
                "DELETE FROM audit.processed_event")) {
            assertThatThrownBy(() -> listingDb.execute(sql)).as("listing: " + sql)
                    .rootCause().hasMessageContaining("permission denied");
        }
        for (String sql : List.of("SELECT count(*) FROM listing.domain_event_entry", "DELETE FROM listing.token_entry",
                "DELETE FROM audit.trail_entry", "UPDATE audit.log_leaf SET leaf_hash = leaf_hash")) {
            assertThatThrownBy(() -> auditDb.execute(sql)).as("audit: " + sql)
                    .rootCause().hasMessageContaining("permission denied");
        }
    }

    /**
     * The demand side reaches the regulators too: a firm's need, a university's proposal of a listing to it and the match
     * the exchange found between them are in the need's trail, each naming who did it (the match: listing-service itself).
     */
    @Test
    void aNeedItsProposalAndItsMatchAppearInTheRegulatorsTrail() throws Exception {
        String listingId = id(send(listing, "POST", "/listings", """
                {"title": {"vi": "Lọc asen bằng đá ong biến tính", "en": "Arsenic removal filter from modified laterite"},
                 "summary": {"vi": "Đá ong biến tính hấp phụ asen trong nước giếng khoan."},
                 "assetType": "KNOW_HOW", "readinessLevel": 7, "ipcClasses": ["C02F 1/28"], "keywords": ["asen", "đá ong"],
                 "dealTypes": [{"dealType": "NON_EXCLUSIVE_LICENCE", "territory": "VN"}],
                 "askingPrice": {"amount": "600000000", "currency": "VND"}, "regulatoryCategory": "ORDINARY"}""",
                "lan.nguyen"), "listingId");
        assertThat(send(listing, "POST", "/listings/" + listingId + "/submission", null, "lan.nguyen").statusCode()).isEqualTo(200);
        assertThat(send(listing, "POST", "/listings/" + listingId + "/ownership-verification", null, TestTokens.OPERATOR).statusCode()).isEqualTo(200);
        assertThat(send(listing, "PUT", "/listings/" + listingId + "/sale-mode", "{\"saleMode\": \"NEGOTIATION\"}", "lan.nguyen").statusCode()).isEqualTo(200);
        assertThat(send(listing, "POST", "/listings/" + listingId + "/publication", null, "lan.nguyen").statusCode()).isEqualTo(200);

        String needId = id(send(listing, "POST", "/needs", """
                {"title": {"vi": "Lọc asen bằng đá ong cho nước giếng", "en": "Arsenic filter from laterite for wells"},
                 "statement": {"vi": "Cần bộ lọc asen giá rẻ từ đá ong cho 20 xã."}, "ipcClasses": ["C02F"],
                 "minReadinessLevel": 6, "dealTypes": ["NON_EXCLUSIVE_LICENCE"], "territory": "VN",
                 "budget": {"max": "900000000"}, "deadline": "%s"}""".formatted(Instant.now().plus(Duration.ofDays(30))),
                TestTokens.FIRM), "needId");
        assertThat(send(listing, "POST", "/needs/" + needId + "/publication", null, TestTokens.FIRM).statusCode()).isEqualTo(200);
        AtomicReference<String> proposalId = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> drafted = send(listing, "POST", "/needs/" + needId + "/proposals",
                    "{\"kind\": \"LISTING\", \"listingId\": \"" + listingId + "\"}", "lan.nguyen");
            if (drafted.statusCode() == 201) {
                proposalId.set(EventJson.mapper().readTree(drafted.body()).get("proposalId").asText());
            }
            return proposalId.get() != null;
        });
        await().atMost(Duration.ofSeconds(30)).until(() ->
                send(listing, "POST", "/proposals/" + proposalId.get() + "/submission", null, "lan.nguyen").statusCode() == 200);

        Map<String, JsonNode> byType = new LinkedHashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> trail = send(audit, "GET", "/audit/assets/" + needId + "/trail", null, TestTokens.REGULATOR);
            if (trail.statusCode() != 200) {
                return false;
            }
            EventJson.mapper().readTree(trail.body()).get("entries").forEach(entry -> byType.put(entry.get("type").asText(), entry));
            return byType.keySet().containsAll(List.of("io.techex.listing.NeedPublished.v1",
                    "io.techex.listing.ProposalSubmitted.v1", "io.techex.listing.MatchFound.v1"));
        });
        JsonNode published = byType.get("io.techex.listing.NeedPublished.v1");
        assertThat(published.get("actor").get("person").asText()).isEqualTo("thu.vo");
        assertThat(published.get("actor").get("role").asText()).isEqualTo("FIRM");
        assertThat(published.get("data").get("ownerNamePublic").asBoolean()).isFalse();
        assertThat(published.get("data").get("budget").get("max").asText()).isEqualTo("900000000");
        JsonNode proposed = byType.get("io.techex.listing.ProposalSubmitted.v1");
        assertThat(proposed.get("actor").get("organisation").asText()).isEqualTo("hust");
        assertThat(proposed.get("data").get("listingId").asText()).isEqualTo(listingId);
        JsonNode match = byType.get("io.techex.listing.MatchFound.v1");
        assertThat(match.get("actor").get("person").asText()).isEqualTo("listing-service");
        assertThat(match.get("actor").get("role").asText()).isEqualTo("SYSTEM");
        assertThat(match.get("data").get("listingId").asText()).isEqualTo(listingId);
        assertThat(match.get("data").get("score").asDouble()).isGreaterThanOrEqualTo(0.7);
    }

    private static String id(HttpResponse<String> created, String field) throws Exception {
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return EventJson.mapper().readTree(created.body()).get(field).asText();
    }

    /** Acts as {@code person} with the token the authorization server issued them; the token names their organisation. */
    private static HttpResponse<String> send(ConfigurableApplicationContext service, String method, String path, String body,
                                             String person) throws Exception {
        String port = service.getEnvironment().getProperty("local.server.port");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.get().bearer(person));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

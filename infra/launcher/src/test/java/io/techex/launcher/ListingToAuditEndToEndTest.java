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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first flow across services, through the real broker and database: a university drafts a listing in
 * listing-service, the relay publishes ListingDrafted, audit-service records it, and a regulator reads the trail
 * naming who did what and when.
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

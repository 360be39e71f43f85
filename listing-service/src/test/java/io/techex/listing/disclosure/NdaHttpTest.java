package io.techex.listing.disclosure;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.listing.api.NdaAccepted;
import io.techex.listing.catalogue.ListingCatalogueProjection;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.listing.document.TestClient;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static io.techex.listing.document.TestClient.json;
import static io.techex.testkit.TestTokens.FIRM;
import static io.techex.testkit.TestTokens.FOREIGN_FIRM;
import static io.techex.testkit.TestTokens.OPERATOR;
import static io.techex.testkit.TestTokens.UNIVERSITY;
import static io.techex.testkit.TestTokens.UNIVERSITY_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The NDA flow over real HTTP with real tokens, and what it opens: the listing's confidential documents. */
@IntegrationTest
class NdaHttpTest {

    private static final String SELLER = "hust";
    private static final byte[] LAB_REPORT = "%PDF-1.7 pilot lab report, confidential".getBytes(StandardCharsets.UTF_8);

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    ListingCatalogueProjection catalogue;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestEnvironment env;
    @Autowired
    Topics topics;
    @Autowired
    EventProcessingConfiguration processing;

    TestClient client;

    @BeforeEach
    void client() {
        client = new TestClient(port);
    }

    @Test
    void aFirmReadsTheConfidentialPartOnlyOnceTheSellerAcceptsItsNda() {
        String listingId = onTheMarket();
        String report = confidentialDocument(listingId);
        String reportPath = "/listings/" + listingId + "/documents/" + report;
        assertThat(client.download(reportPath, FIRM).statusCode()).isEqualTo(404);

        HttpResponse<String> requested = client.post("/listings/" + listingId + "/nda-requests",
                "{\"message\": \"Đánh giá cho dự án thí điểm ở Cần Thơ\"}", FIRM);
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String ndaId = json(requested).get("ndaId").asText();
        assertThat(ndaId).isEqualTo(Nda.idOf(listingId, "mekong-biotech"));
        assertThat(requested.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/nda-requests/" + ndaId));
        assertThat(client.download(reportPath, FIRM).statusCode()).as("requested is not accepted").isEqualTo(404);

        HttpResponse<String> accepted = client.post("/nda-requests/" + ndaId + "/accept", null, UNIVERSITY);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.download(reportPath, FIRM).statusCode() == 200);
        assertThat(client.download(reportPath, FIRM).body()).isEqualTo(LAB_REPORT);
        assertThat(documentIds(listingId, FIRM)).contains(report);

        // an NDA is the firm's own: another firm still sees neither the document nor that it exists
        assertThat(client.download(reportPath, FOREIGN_FIRM).statusCode()).isEqualTo(404);
        assertThat(documentIds(listingId, FOREIGN_FIRM)).doesNotContain(report);

        // the trail: whom the seller let in, and who then read what, both with the person who acted
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(meta_data, 'UTF8')::json ->> 'actorPerson' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type = ?""", String.class, ndaId, NdaAccepted.class.getName()))
                .isEqualTo("lan.nguyen");
        assertThat(jdbc.queryForList("""
                SELECT convert_from(meta_data, 'UTF8')::json ->> 'actorPerson' FROM domain_event_entry
                WHERE payload_type = 'io.techex.listing.api.ConfidentialDocumentViewed'
                  AND convert_from(payload, 'UTF8')::json ->> 'documentId' = ?""", String.class, report))
                .containsOnly("thu.vo").hasSize(2);

        // and both reach the exchange's topic, keyed by the listing, for the audit trail
        try (var reader = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            JsonNode acceptance = cloudEvent(reader.awaitRecord(r -> listingId.equals(r.key())
                    && r.valueAsString().contains("io.techex.listing.NdaAccepted.v1"), Duration.ofSeconds(20)));
            assertThat(acceptance.get("actorperson").asText()).isEqualTo("lan.nguyen");
            assertThat(acceptance.get("data").get("firmOrganisationId").asText()).isEqualTo("mekong-biotech");
            JsonNode viewed = cloudEvent(reader.awaitRecord(r -> listingId.equals(r.key())
                    && r.valueAsString().contains("io.techex.listing.ConfidentialDocumentViewed.v1"), Duration.ofSeconds(20)));
            assertThat(viewed.get("actorperson").asText()).isEqualTo("thu.vo");
            assertThat(viewed.get("actororg").asText()).isEqualTo("mekong-biotech");
            assertThat(viewed.get("data").get("documentId").asText()).isEqualTo(report);
            assertThat(viewed.get("data").get("sha256").asText()).hasSize(64);
        }
    }

    @Test
    void theSellerDeclinesWithAReasonAndTheFirmMayAskAgain() {
        String listingId = onTheMarket();
        String ndaId = json(client.post("/listings/" + listingId + "/nda-requests", null, FIRM)).get("ndaId").asText();

        HttpResponse<String> again = client.post("/listings/" + listingId + "/nda-requests", null, FIRM);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("type").asText()).endsWith("/nda-already-requested");

        HttpResponse<String> noReason = client.post("/nda-requests/" + ndaId + "/decline", "{\"reason\": \" \"}", UNIVERSITY);
        assertThat(noReason.statusCode()).isEqualTo(422);
        assertThat(json(noReason).path("errors").toString()).contains("reason");
        assertThat(client.post("/nda-requests/" + ndaId + "/decline", "{\"reason\": \"Đối thủ cạnh tranh\"}", UNIVERSITY).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "DECLINED".equals(json(client.get("/nda-requests/" + ndaId, FIRM)).path("status").asText()));
        JsonNode declined = json(client.get("/nda-requests/" + ndaId, FIRM));
        assertThat(declined.get("declineReason").asText()).isEqualTo("Đối thủ cạnh tranh");
        assertThat(declined.get("decidedBy").asText()).isEqualTo("lan.nguyen");
        assertThat(client.post("/nda-requests/" + ndaId + "/accept", null, UNIVERSITY).statusCode()).isEqualTo(409);

        assertThat(client.post("/listings/" + listingId + "/nda-requests", "{\"message\": \"Chúng tôi đã dừng dòng sản phẩm đó\"}", FIRM)
                .statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> "REQUESTED".equals(json(client.get("/nda-requests/" + ndaId, FIRM)).path("status").asText()));
        assertThat(json(client.get("/nda-requests/" + ndaId, FIRM)).path("declineReason").isNull()).isTrue();
    }

    @Test
    void onlyThePartiesSeeAnNdaAndOnlyTheSellerDecides() {
        String listingId = onTheMarket();
        String ndaId = json(client.post("/listings/" + listingId + "/nda-requests", "{\"message\": \"Pilot\"}", FIRM)).get("ndaId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/nda-requests/" + ndaId, UNIVERSITY).statusCode() == 200);

        JsonNode asSeller = json(client.get("/nda-requests/" + ndaId, UNIVERSITY));
        assertThat(asSeller.get("firmOrganisationId").asText()).isEqualTo("mekong-biotech");
        assertThat(asSeller.get("message").asText()).isEqualTo("Pilot");
        assertThat(asSeller.get("requestedBy").asText()).isEqualTo("thu.vo");
        assertThat(ndaIds(listingId, UNIVERSITY)).containsExactly(ndaId);
        assertThat(ndaIds(listingId, FIRM)).containsExactly(ndaId);

        assertThat(ndaIds(listingId, FOREIGN_FIRM)).isEmpty();
        assertThat(ndaIds(listingId, UNIVERSITY_2)).isEmpty();
        assertThat(client.get("/nda-requests/" + ndaId, FOREIGN_FIRM).statusCode()).isEqualTo(404);
        assertThat(client.get("/nda-requests/" + ndaId, UNIVERSITY_2).statusCode()).isEqualTo(404);
        assertThat(client.post("/nda-requests/" + ndaId + "/accept", null, UNIVERSITY_2).statusCode()).isEqualTo(404);
        assertThat(client.post("/nda-requests/" + ndaId + "/decline", "{\"reason\": \"x\"}", UNIVERSITY_2).statusCode()).isEqualTo(404);
        assertThat(client.post("/nda-requests/" + ndaId + "/accept", null, FIRM).statusCode()).as("a firm accepts nothing").isEqualTo(403);
        assertThat(client.get("/nda-requests/" + ndaId, OPERATOR).statusCode()).isEqualTo(403);
    }

    @Test
    void anNdaIsAskedOnlyOfAListingOnTheMarket() {
        String draft = TestClient.draft(commands, SELLER);
        await().atMost(Duration.ofSeconds(10)).until(() -> catalogue.find(draft).isPresent());
        assertThat(client.post("/listings/" + draft + "/nda-requests", null, FIRM).statusCode()).isEqualTo(404);
        String listingId = onTheMarket();
        HttpResponse<String> tooLong = client.post("/listings/" + listingId + "/nda-requests",
                "{\"message\": \"" + "x".repeat(2001) + "\"}", FIRM);
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(json(tooLong).path("errors").toString()).contains("message");
    }

    @Test
    void theNdaModelIsRebuiltFromTheEventStore() {
        String listingId = onTheMarket();
        String ndaId = json(client.post("/listings/" + listingId + "/nda-requests", "{\"message\": \"Pilot\"}", FIRM)).get("ndaId").asText();
        assertThat(client.post("/nda-requests/" + ndaId + "/decline", "{\"reason\": \"Competitor\"}", UNIVERSITY).statusCode()).isEqualTo(200);
        assertThat(client.post("/listings/" + listingId + "/nda-requests", "{\"message\": \"Again\"}", FIRM).statusCode()).isEqualTo(201);
        assertThat(client.post("/nda-requests/" + ndaId + "/accept", null, UNIVERSITY).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> "ACCEPTED".equals(json(client.get("/nda-requests/" + ndaId, FIRM)).path("status").asText()));
        String before = client.get("/nda-requests/" + ndaId, FIRM).body();

        StreamingEventProcessor processor = processing
                .eventProcessor(Disclosures.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(client.get("/nda-requests/" + ndaId, FIRM).statusCode()).isEqualTo(404);
        processor.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> client.get("/nda-requests/" + ndaId, FIRM).body().equals(before));
        assertThat(json(client.get("/nda-requests/" + ndaId, FIRM)).get("message").asText()).isEqualTo("Again");
    }

    // --- helpers

    private String onTheMarket() {
        String listingId = TestClient.published(commands, SELLER);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> catalogue.find(listingId).map(summary -> summary.status() == ListingStatus.PUBLISHED).orElse(false));
        return listingId;
    }

    private String confidentialDocument(String listingId) {
        HttpResponse<String> uploaded = client.upload("/listings/" + listingId + "/documents?name="
                + URLEncoder.encode("Báo cáo thí điểm.pdf", StandardCharsets.UTF_8) + "&visibility=CONFIDENTIAL",
                LAB_REPORT, "application/pdf", UNIVERSITY);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String documentId = json(uploaded).get("documentId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> documentIds(listingId, UNIVERSITY).contains(documentId));
        return documentId;
    }

    private List<String> documentIds(String listingId, String person) {
        return ids(client.get("/listings/" + listingId + "/documents", person), "documentId");
    }

    private List<String> ndaIds(String listingId, String person) {
        return ids(client.get("/nda-requests?listingId=" + listingId, person), "ndaId");
    }

    private static JsonNode cloudEvent(KafkaRecords.Received record) {
        try {
            return io.techex.contracts.EventJson.mapper().readTree(record.value());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> ids(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return StreamSupport.stream(json(response).spliterator(), false).map(node -> node.get(field).asText()).toList();
    }
}

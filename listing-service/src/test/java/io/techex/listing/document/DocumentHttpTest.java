package io.techex.listing.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.listing.catalogue.ListingCatalogueProjection;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.listing.catalogue.WithdrawListing;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.techex.listing.document.TestClient.json;
import static io.techex.testkit.TestTokens.FIRM;
import static io.techex.testkit.TestTokens.OPERATOR;
import static io.techex.testkit.TestTokens.REGULATOR;
import static io.techex.testkit.TestTokens.UNIVERSITY;
import static io.techex.testkit.TestTokens.UNIVERSITY_2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Documents over real HTTP with real tokens, into PostgreSQL and the event store, read back through the read model. */
@IntegrationTest
class DocumentHttpTest {

    private static final String SELLER = "hust";
    private static final byte[] DATASHEET = "%PDF-1.7 datasheet: 90% colour removal".getBytes(StandardCharsets.UTF_8);
    private static final byte[] TITLE_DEED = "%PDF-1.7 patent certificate VN 1-0023456".getBytes(StandardCharsets.UTF_8);

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

    TestClient client;

    @org.junit.jupiter.api.BeforeEach
    void client() {
        client = new TestClient(port);
    }

    @Test
    void theSellerUploadsListsDownloadsAndRemovesDocuments() {
        String listingId = inCatalogue(TestClient.draft(commands, SELLER), ListingStatus.DRAFT);

        HttpResponse<String> uploaded = upload(listingId, DATASHEET, "Bảng thông số kỹ thuật.pdf", "PUBLIC");
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode document = json(uploaded);
        String documentId = document.get("documentId").asText();
        assertThat(document.get("sha256").asText()).isEqualTo(sha256(DATASHEET));
        assertThat(document.get("sizeBytes").asLong()).isEqualTo(DATASHEET.length);
        assertThat(document.get("mediaType").asText()).isEqualTo("application/pdf");
        assertThat(uploaded.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).endsWith("/listings/" + listingId + "/documents/" + documentId));

        await().atMost(Duration.ofSeconds(10)).until(() -> documentIds(listingId, UNIVERSITY).contains(documentId));
        HttpResponse<byte[]> download = client.download(path(listingId, documentId), UNIVERSITY);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(DATASHEET);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(disposition ->
                assertThat(disposition).startsWith("attachment;").contains("filename*=UTF-8''B%E1%BA%A3ng"));
        assertThat(download.headers().firstValue("ETag")).hasValue("\"" + sha256(DATASHEET) + "\"");
        assertThat(eventsOf(listingId, "DocumentAttached")).isEqualTo(1);

        assertThat(client.delete(path(listingId, documentId), UNIVERSITY).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> documentIds(listingId, UNIVERSITY).isEmpty());
        assertThat(client.download(path(listingId, documentId), UNIVERSITY).statusCode()).isEqualTo(404);
        assertThat(contentRows(listingId)).as("the content goes with the document").isZero();
        assertThat(client.delete(path(listingId, documentId), UNIVERSITY).statusCode()).isEqualTo(409);
    }

    @Test
    void aDraftsDocumentsAreItsSellersAlone() {
        String listingId = inCatalogue(TestClient.draft(commands, SELLER), ListingStatus.DRAFT);
        String documentId = json(upload(listingId, DATASHEET, "datasheet.pdf", "PUBLIC")).get("documentId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> documentIds(listingId, UNIVERSITY).contains(documentId));

        for (String other : List.of(FIRM, UNIVERSITY_2, REGULATOR, OPERATOR)) {
            assertThat(client.get("/listings/" + listingId + "/documents", other).statusCode()).as(other).isEqualTo(404);
            assertThat(client.download(path(listingId, documentId), other).statusCode()).as(other).isEqualTo(404);
        }
        // another university can neither store content on the listing nor remove its documents
        HttpResponse<String> foreign = client.upload("/listings/" + listingId + "/documents?name=x.pdf&visibility=PUBLIC",
                TITLE_DEED, "application/pdf", UNIVERSITY_2);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(client.delete(path(listingId, documentId), UNIVERSITY_2).statusCode()).isEqualTo(404);
        assertThat(contentRows(listingId)).isEqualTo(1);
    }

    @Test
    void onTheMarketPublicDocumentsAreEverybodysAndConfidentialOnesTheSellersAndTheOperators() {
        String listingId = TestClient.submitted(commands, SELLER);
        inCatalogue(listingId, ListingStatus.SUBMITTED);
        String datasheet = json(upload(listingId, DATASHEET, "datasheet.pdf", "PUBLIC")).get("documentId").asText();
        String deed = json(upload(listingId, TITLE_DEED, "patent.pdf", "CONFIDENTIAL")).get("documentId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> documentIds(listingId, UNIVERSITY).size() == 2);

        // before publication the operator checks the ownership evidence; nobody else sees anything
        assertThat(documentIds(listingId, OPERATOR)).containsExactlyInAnyOrder(datasheet, deed);
        assertThat(client.get("/listings/" + listingId + "/documents", FIRM).statusCode()).isEqualTo(404);
        assertThat(client.download(path(listingId, deed), OPERATOR).body()).isEqualTo(TITLE_DEED);
        assertThat(viewsOf(deed)).containsExactly("techex");

        TestClient.publish(commands, listingId, SELLER);
        inCatalogue(listingId, ListingStatus.PUBLISHED);
        for (String reader : List.of(FIRM, UNIVERSITY_2, REGULATOR)) {
            assertThat(documentIds(listingId, reader)).as(reader).containsExactly(datasheet);
            assertThat(client.download(path(listingId, datasheet), reader).body()).as(reader).isEqualTo(DATASHEET);
            assertThat(client.download(path(listingId, deed), reader).statusCode()).as(reader).isEqualTo(404);
        }
        assertThat(client.download(path(listingId, deed), UNIVERSITY).body()).isEqualTo(TITLE_DEED);
        assertThat(viewsOf(deed)).as("the seller reading its own document discloses nothing").containsExactly("techex");
        assertThat(client.download(path(UUID.randomUUID().toString(), deed), OPERATOR).statusCode()).isEqualTo(404);
    }

    @Test
    void aRetriedUploadAnswersTheDocumentAlreadyAttached() {
        String listingId = inCatalogue(TestClient.draft(commands, SELLER), ListingStatus.DRAFT);
        String documentId = json(upload(listingId, DATASHEET, "datasheet.pdf", "PUBLIC")).get("documentId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> documentIds(listingId, UNIVERSITY).contains(documentId));

        HttpResponse<String> retry = upload(listingId, DATASHEET, "datasheet.pdf", "PUBLIC");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry).get("documentId").asText()).isEqualTo(documentId);
        assertThat(eventsOf(listingId, "DocumentAttached")).isEqualTo(1);
        assertThat(contentRows(listingId)).isEqualTo(1);
    }

    @Test
    void aRefusedAttachmentLeavesNoContentBehind() {
        String listingId = TestClient.draft(commands, SELLER);
        commands.sendAndWait(new WithdrawListing(listingId, SELLER, "Licensed elsewhere"));
        inCatalogue(listingId, ListingStatus.WITHDRAWN);

        HttpResponse<String> refused = upload(listingId, DATASHEET, "datasheet.pdf", "PUBLIC");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("type").asText()).endsWith("/listing-withdrawn");
        assertThat(contentRows(listingId)).isZero();
    }

    @Test
    void aDocumentHasAtMostTenMebibytes() {
        String listingId = inCatalogue(TestClient.draft(commands, SELLER), ListingStatus.DRAFT);
        HttpResponse<String> tooLarge = upload(listingId, new byte[DocumentController.MAX_BYTES + 1], "big.pdf", "PUBLIC");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> largest = upload(listingId, new byte[DocumentController.MAX_BYTES], "largest.pdf", "PUBLIC");
        assertThat(largest.statusCode()).as(largest.body()).isEqualTo(201);
        assertThat(contentRows(listingId)).isEqualTo(1);
    }

    @Test
    void badUploadsAreProblemsAndStoreNothing() {
        String listingId = inCatalogue(TestClient.draft(commands, SELLER), ListingStatus.DRAFT);
        String documents = "/listings/" + listingId + "/documents";

        assertThat(client.upload(documents + "?name=a.pdf&visibility=PUBLIC", DATASHEET, null, UNIVERSITY).statusCode())
                .as("no Content-Type").isEqualTo(415);
        assertThat(client.upload(documents + "?name=a.pdf&visibility=PUBLIC", DATASHEET, "multipart/form-data; boundary=x", UNIVERSITY)
                .statusCode()).as("a form, not the document").isEqualTo(415);
        HttpResponse<String> badVisibility = client.upload(documents + "?name=a.pdf&visibility=SECRET", DATASHEET, "application/pdf", UNIVERSITY);
        assertThat(badVisibility.statusCode()).isEqualTo(400);
        assertThat(json(badVisibility).path("errors").toString()).contains("visibility");
        HttpResponse<String> path = client.upload(documents + "?name=..%2Fetc%2Fpasswd&visibility=PUBLIC", DATASHEET, "text/plain", UNIVERSITY);
        assertThat(path.statusCode()).isEqualTo(422);
        assertThat(json(path).path("errors").toString()).contains("name");
        assertThat(client.upload(documents + "?name=empty.pdf&visibility=PUBLIC", new byte[0], "application/pdf", UNIVERSITY).statusCode())
                .isEqualTo(422);
        assertThat(contentRows(listingId)).isZero();
        assertThat(eventsOf(listingId, "DocumentAttached")).isZero();
    }

    @Test
    void theApiDocumentSaysWhatAnUploadIs() {
        String api = client.get("/v3/api-docs", UNIVERSITY).body();
        assertThat(api).contains("/listings/{listingId}/documents/{documentId}").contains("\"format\":\"binary\"");
    }

    @Test
    void theDocumentListIsRebuiltFromTheEventStoreAndTheContentOutlivesTheReplay() {
        String listingId = inCatalogue(TestClient.draft(commands, SELLER), ListingStatus.DRAFT);
        String kept = json(upload(listingId, DATASHEET, "datasheet.pdf", "PUBLIC")).get("documentId").asText();
        String removed = json(upload(listingId, TITLE_DEED, "patent.pdf", "CONFIDENTIAL")).get("documentId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> documentIds(listingId, UNIVERSITY).size() == 2);
        assertThat(client.delete(path(listingId, removed), UNIVERSITY).statusCode()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> documentIds(listingId, UNIVERSITY).equals(List.of(kept)));
        String before = client.get("/listings/" + listingId + "/documents", UNIVERSITY).body();

        StreamingEventProcessor processor = processing
                .eventProcessor(AttachedDocuments.PROCESSING_GROUP, StreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens();
        assertThat(documentIds(listingId, UNIVERSITY)).isEmpty();
        processor.start();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> client.get("/listings/" + listingId + "/documents", UNIVERSITY).body().equals(before));
        assertThat(client.download(path(listingId, kept), UNIVERSITY).body()).isEqualTo(DATASHEET);
        assertThat(client.download(path(listingId, removed), UNIVERSITY).statusCode()).isEqualTo(404);
    }

    // --- helpers

    private HttpResponse<String> upload(String listingId, byte[] content, String name, String visibility) {
        return client.upload("/listings/" + listingId + "/documents?name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&visibility=" + visibility, content, "application/pdf", UNIVERSITY);
    }

    private List<String> documentIds(String listingId, String person) {
        HttpResponse<String> response = client.get("/listings/" + listingId + "/documents", person);
        assertThat(response.statusCode()).as(person + ": " + response.body()).isEqualTo(200);
        return StreamSupport.stream(json(response).spliterator(), false).map(d -> d.get("documentId").asText()).toList();
    }

    private String inCatalogue(String listingId, ListingStatus status) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> catalogue.find(listingId).map(summary -> summary.status() == status).orElse(false));
        return listingId;
    }

    private static String path(String listingId, String documentId) {
        return "/listings/" + listingId + "/documents/" + documentId;
    }

    private int contentRows(String listingId) {
        return jdbc.queryForObject("SELECT count(*) FROM listing_document_content WHERE listing_id = ?", Integer.class, listingId);
    }

    private int eventsOf(String listingId, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?",
                Integer.class, listingId, "%." + type);
    }

    /** The organisations recorded as having viewed the confidential document, in store order. */
    private List<String> viewsOf(String documentId) {
        return jdbc.queryForList("""
                SELECT convert_from(payload, 'UTF8')::json ->> 'viewerOrganisationId' FROM domain_event_entry
                WHERE payload_type = ? AND convert_from(payload, 'UTF8')::json ->> 'documentId' = ? ORDER BY global_index""",
                String.class, ConfidentialDocumentViewed.class.getName(), documentId);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.techex.listing.document;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.listing.api.ConfidentialDocumentViewed;
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
import java.util.ArrayList;
import java.util.Arrays;
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
    void aConfidentialDocumentIsViewedOncePerDownloadNotOncePerRequest() {
        String path = confidentialDeedOfASubmittedListing();

        HttpResponse<byte[]> full = client.download(path, OPERATOR);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).isEqualTo(TITLE_DEED);
        String etag = full.headers().firstValue("ETag").orElseThrow();
        assertThat(views(path)).hasSize(1);

        // revalidating the copy it has: nothing is sent, nothing is viewed
        HttpResponse<byte[]> revalidated = client.download(path, OPERATOR, "If-None-Match", etag);
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();
        assertThat(revalidated.headers().allValues("ETag")).containsExactly(etag);
        assertThat(views(path)).hasSize(1);
        String lastModified = full.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(client.download(path, OPERATOR, "If-Modified-Since", lastModified).statusCode()).isEqualTo(304);
        assertThat(views(path)).hasSize(1);
        assertThat(full.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(full.headers().allValues("ETag")).containsExactly("\"" + sha256(TITLE_DEED) + "\"");

        // the rest of the download it started
        HttpResponse<byte[]> rest = client.download(path, OPERATOR, "Range", "bytes=10-", "If-Range", etag);
        assertThat(rest.statusCode()).isEqualTo(206);
        assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(TITLE_DEED, 10, TITLE_DEED.length));
        assertThat(rest.headers().firstValue("Content-Range"))
                .hasValue("bytes 10-" + (TITLE_DEED.length - 1) + "/" + TITLE_DEED.length);
        assertThat(rest.headers().allValues("ETag")).containsExactly(etag);
        assertThat(views(path)).hasSize(1);

        // another download later is another view
        assertThat(client.download(path, OPERATOR).body()).isEqualTo(TITLE_DEED);
        assertThat(views(path)).containsExactly("techex", "techex");
    }

    @Test
    void aRangeIsAViewWhenItStartsADownloadOrWhenItsReaderNeverHadTheDocument() {
        String path = confidentialDeedOfASubmittedListing();

        // all but the first byte, to someone who never had the document: a view, or it would take it unrecorded
        HttpResponse<byte[]> allButTheFirstByte = client.download(path, OPERATOR, "Range", "bytes=1-");
        assertThat(allButTheFirstByte.statusCode()).isEqualTo(206);
        assertThat(allButTheFirstByte.body()).isEqualTo(Arrays.copyOfRange(TITLE_DEED, 1, TITLE_DEED.length));
        assertThat(views(path)).hasSize(1);

        // a download in two parts: the first is a view, the second continues it
        HttpResponse<byte[]> first = client.download(path, OPERATOR, "Range", "bytes=0-9");
        assertThat(first.statusCode()).isEqualTo(206);
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(TITLE_DEED, 0, 10));
        assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-9/" + TITLE_DEED.length);
        assertThat(client.download(path, OPERATOR, "Range", "bytes=10-").statusCode()).isEqualTo(206);
        assertThat(views(path)).hasSize(2);

        // the seller's own reads are no disclosure, ranged or not
        assertThat(client.download(path, UNIVERSITY, "Range", "bytes=5-").statusCode()).isEqualTo(206);
        assertThat(views(path)).hasSize(2);
    }

    @Test
    void aRangeThatCannotBeServedAsAskedGetsTheWholeDocumentOrA416() {
        String path = confidentialDeedOfASubmittedListing();

        HttpResponse<byte[]> beyond = client.download(path, OPERATOR, "Range", "bytes=" + TITLE_DEED.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + TITLE_DEED.length);
        assertThat(beyond.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(new String(beyond.body(), StandardCharsets.UTF_8)).contains("\"status\":416").doesNotContain("%PDF");
        assertThat(views(path)).as("nothing sent").isEmpty();

        // a range of another copy, several ranges at once, or one in another unit: the whole document, a download
        for (String[] headers : List.of(new String[]{"Range", "bytes=10-", "If-Range", "\"" + sha256(DATASHEET) + "\""},
                new String[]{"Range", "bytes=0-4,10-14"}, new String[]{"Range", "pages=1-2"})) {
            HttpResponse<byte[]> whole = client.download(path, OPERATOR, headers);
            assertThat(whole.statusCode()).as(String.join(" ", headers)).isEqualTo(200);
            assertThat(whole.body()).as(String.join(" ", headers)).isEqualTo(TITLE_DEED);
        }
        assertThat(views(path)).hasSize(3);
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
        HttpResponse<String> tooLarge = upload(listingId, new byte[Uploads.MAX_BYTES + 1], "big.pdf", "PUBLIC");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        HttpResponse<String> largest = upload(listingId, new byte[Uploads.MAX_BYTES], "largest.pdf", "PUBLIC");
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
    void theApiDocumentSaysThatADownloadMayBeRangedOrConditionalAndWhatItRecords() {
        JsonNode download = json(client.get("/v3/api-docs", UNIVERSITY)).path("paths")
                .path("/listings/{listingId}/documents/{documentId}").path("get");

        List<String> statuses = new ArrayList<>();
        download.path("responses").fieldNames().forEachRemaining(statuses::add);
        assertThat(statuses).contains("200", "206", "304", "416");
        assertThat(StreamSupport.stream(download.path("parameters").spliterator(), false)
                .filter(parameter -> parameter.path("in").asText().equals("header")).map(parameter -> parameter.path("name").asText()))
                .contains("Range", "If-Range", "If-None-Match", "If-Modified-Since");
        assertThat(download.path("description").asText()).contains("once per download");
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

    /** The title deed, confidential, of a listing its seller submitted: the operator reads it, and that is recorded. */
    private String confidentialDeedOfASubmittedListing() {
        String listingId = inCatalogue(TestClient.submitted(commands, SELLER), ListingStatus.SUBMITTED);
        String deed = json(upload(listingId, TITLE_DEED, "patent.pdf", "CONFIDENTIAL")).get("documentId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> documentIds(listingId, UNIVERSITY).contains(deed));
        return path(listingId, deed);
    }

    /** {@link #viewsOf(String)} of the document at {@code path}. */
    private List<String> views(String path) {
        return viewsOf(path.substring(path.lastIndexOf('/') + 1));
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

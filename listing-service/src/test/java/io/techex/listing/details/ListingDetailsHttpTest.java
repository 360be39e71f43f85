package io.techex.listing.details;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.listing.document.TestClient;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.techex.listing.document.TestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A single listing is the whole public listing: what a firm needs to judge the technology, no less than a search hit
 * shows, and the documents the reader may read.
 */
@IntegrationTest
class ListingDetailsHttpTest {

    static final String LISTING = """
            {"title": {"vi": "Phương pháp điều trị nước thải dệt nhuộm %1$s", "en": "Textile-dye wastewater treatment %1$s"},
             "summary": {"vi": "Giảm 90%% độ màu, đã thử nghiệm ở quy mô pilot.", "en": "90%% less colour, piloted."},
             "assetType": "PATENT", "readinessLevel": 6,
             "ipTitles": [{"office": "VN", "number": "1-%2$s", "kind": "B1", "filingDate": "2019-03-14",
                           "grantDate": "2021-06-01", "expiryDate": "2039-03-14",
                           "owners": [{"organisationId": "hust", "name": "Đại học Bách khoa Hà Nội", "sharePercent": "100"}]}],
             "ipcClasses": ["C02F 1/28"], "keywords": ["nước thải", "%1$s"],
             "dealTypes": [{"dealType": "NON_EXCLUSIVE_LICENCE", "fieldOfUse": "textile wastewater", "territory": "VN"},
                           {"dealType": "ASSIGNMENT"}],
             "askingPrice": {"amount": "1500000000", "currency": "VND"},
             "regulatoryCategory": "ENCOURAGED", "stateFunded": true}""";

    @LocalServerPort
    int port;

    TestClient client;

    @Test
    void aFirmReadsTheWholeListingAndOnlyTheDocumentsItMayRead() {
        client = new TestClient(port);
        String marker = "x" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> drafted = client.post("/listings", LISTING.formatted(marker, System.nanoTime() % 10_000_000), TestTokens.UNIVERSITY);
        assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
        String listingId = json(drafted).get("listingId").asText();
        // documents go to listings the catalogue knows, a few milliseconds after the draft
        await().atMost(Duration.ofSeconds(10)).until(() -> client.get("/listings/" + listingId, TestTokens.UNIVERSITY).statusCode() == 200);
        String datasheet = upload(listingId, "datasheet.pdf", "PUBLIC");
        String deed = upload(listingId, "assignment-deed.pdf", "CONFIDENTIAL");
        step("POST", listingId, "/submission", null, TestTokens.UNIVERSITY);
        step("POST", listingId, "/ownership-verification", null, TestTokens.OPERATOR);
        step("PUT", listingId, "/sale-mode", "{\"saleMode\": \"NEGOTIATION\"}", TestTokens.UNIVERSITY);
        step("POST", listingId, "/publication", null, TestTokens.UNIVERSITY);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            HttpResponse<String> read = client.get("/listings/" + listingId, TestTokens.FIRM);
            return read.statusCode() == 200 && json(read).path("documents").size() == 1;
        });

        JsonNode listing = json(client.get("/listings/" + listingId, TestTokens.FIRM));
        assertThat(listing.path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(listing.at("/summary/vi").asText()).startsWith("Giảm 90% độ màu");
        assertThat(listing.path("readinessLevel").asInt()).isEqualTo(6);
        assertThat(listing.path("regulatoryCategory").asText()).isEqualTo("ENCOURAGED");
        assertThat(listing.path("stateFunded").asBoolean()).isTrue();
        assertThat(listing.path("saleMode").asText()).isEqualTo("NEGOTIATION");
        assertThat(listing.at("/ipTitles/0/kind").asText()).isEqualTo("B1");
        assertThat(listing.at("/ipTitles/0/owners/0/sharePercent").asText()).isEqualTo("100");
        assertThat(listing.path("ipcClasses").toString()).isEqualTo("[\"C02F 1/28\"]");
        assertThat(listing.at("/dealTypes/0/fieldOfUse").asText()).isEqualTo("textile wastewater");
        assertThat(listing.at("/dealTypes/0/territory").asText()).isEqualTo("VN");
        assertThat(listing.at("/dealTypes/1/dealType").asText()).isEqualTo("ASSIGNMENT");
        // money is a decimal string here as everywhere
        assertThat(listing.at("/askingPrice/amount").isTextual()).isTrue();
        assertThat(listing.at("/askingPrice/amount").asText()).isEqualTo("1500000000");
        // the public document's metadata; not the confidential one's, whose existence is the seller's business
        assertThat(documentIds(listing)).containsExactly(datasheet);
        assertThat(listing.at("/documents/0/name").asText()).isEqualTo("datasheet.pdf");
        assertThat(listing.at("/documents/0/mediaType").asText()).isEqualTo("application/pdf");
        assertThat(listing.at("/documents/0/sha256").asText()).hasSize(64);

        // nothing a search hit shows is missing, and it says the same
        await().atMost(Duration.ofSeconds(15)).until(() -> json(client.get("/listings?q=" + marker, TestTokens.FIRM)).path("hits").size() == 1);
        JsonNode hit = json(client.get("/listings?q=" + marker, TestTokens.FIRM)).at("/hits/0");
        hit.fieldNames().forEachRemaining(field -> {
            if (field.equals("dealTypes")) {
                hit.path(field).forEach(type -> assertThat(listing.path("dealTypes").findValuesAsText("dealType")).contains(type.asText()));
            } else if (!field.equals("relevance")) {
                assertThat(listing.has(field)).as("the listing has the hit's " + field).isTrue();
                assertThat(listing.path(field)).as(field).isEqualTo(hit.path(field));
            }
        });

        // the seller and the operator read the confidential one too
        assertThat(documentIds(json(client.get("/listings/" + listingId, TestTokens.UNIVERSITY)))).containsExactlyInAnyOrder(datasheet, deed);
        assertThat(documentIds(json(client.get("/listings/" + listingId, TestTokens.OPERATOR)))).containsExactlyInAnyOrder(datasheet, deed);
    }

    private String upload(String listingId, String name, String visibility) {
        HttpResponse<String> uploaded = client.upload("/listings/" + listingId + "/documents?name=" + name + "&visibility=" + visibility,
                ("%PDF-1.7 " + name).getBytes(StandardCharsets.UTF_8), "application/pdf", TestTokens.UNIVERSITY);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        return json(uploaded).get("documentId").asText();
    }

    private void step(String method, String listingId, String step, String body, String person) {
        HttpResponse<String> response = method.equals("PUT") ? client.put("/listings/" + listingId + step, body, person)
                : client.post("/listings/" + listingId + step, body, person);
        assertThat(response.statusCode()).as(step + ": " + response.body()).isEqualTo(200);
    }

    private static List<String> documentIds(JsonNode listing) {
        List<String> ids = new ArrayList<>();
        listing.path("documents").forEach(document -> ids.add(document.path("documentId").asText()));
        return ids;
    }
}

package io.techex.launcher.console;

import io.techex.launcher.FourServices;
import io.techex.launcher.FourServices.Service;
import io.techex.testkit.TestTokens;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static io.techex.launcher.FourServices.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a deal's browser test starts from, made over the services' APIs as the people would have made it in the
 * console (part one's scenario shows that): a published listing of hust's that bidding-service knows is for sale.
 */
final class DealFixtures {

    /** How long one step across services may take on a busy machine; it usually takes well under a second. */
    static final Duration ACROSS_SERVICES = Duration.ofSeconds(30);

    private DealFixtures() {
    }

    record PublishedListing(String listingId, String title) {
    }

    /**
     * A patent of hust's, verified and published for {@code saleMode} (NEGOTIATION or AUCTION), offering
     * {@code dealTypes} (a JSON array), once bidding-service has heard it is for sale.
     */
    static PublishedListing publishedListing(FourServices services, String saleMode, String titleVi, String dealTypes)
            throws Exception {
        String code = UUID.randomUUID().toString().substring(0, 6);
        String title = titleVi + " " + code;
        HttpResponse<String> drafted = services.send(Service.LISTING, "POST", "/listings", """
                {"title": {"vi": "%s", "en": "%s"},
                 "summary": {"vi": "Đã thử nghiệm ở quy mô pilot tại nhà máy.", "en": "Piloted at a plant."},
                 "assetType": "PATENT", "readinessLevel": 6,
                 "ipTitles": [{"office": "VN", "number": "1-00%s", "kind": "B1", "filingDate": "2019-03-14",
                               "grantDate": "2021-06-01", "expiryDate": "2039-03-14",
                               "owners": [{"organisationId": "hust", "name": "Đại học Bách khoa Hà Nội", "sharePercent": "100"}]}],
                 "ipcClasses": ["C02F 1/44"], "keywords": ["nước thải"],
                 "dealTypes": %s,
                 "askingPrice": {"amount": "1500000000", "currency": "VND"},
                 "regulatoryCategory": "ORDINARY", "stateFunded": false}""".formatted(title, "Technology " + code, code,
                dealTypes), TestTokens.UNIVERSITY);
        assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
        String listingId = json(drafted).get("listingId").asText();
        step(services.send(Service.LISTING, "POST", "/listings/" + listingId + "/submission", null, TestTokens.UNIVERSITY));
        step(services.send(Service.LISTING, "POST", "/listings/" + listingId + "/ownership-verification", null, TestTokens.OPERATOR));
        step(services.send(Service.LISTING, "PUT", "/listings/" + listingId + "/sale-mode",
                "{\"saleMode\": \"" + saleMode + "\"}", TestTokens.UNIVERSITY));
        step(services.send(Service.LISTING, "POST", "/listings/" + listingId + "/publication", null, TestTokens.UNIVERSITY));
        awaitBiddable(services, listingId, saleMode);
        return new PublishedListing(listingId, title);
    }

    /**
     * bidding-service learns from Kafka that a listing is for sale. Until it has, a deal of the other sale mode is a 404
     * for a listing it does not know; from then on it is refused as the wrong sale mode, changing nothing.
     */
    private static void awaitBiddable(FourServices services, String listingId, String saleMode) {
        await().atMost(ACROSS_SERVICES).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> probe = "AUCTION".equals(saleMode)
                    ? services.send(Service.BIDDING, "POST", "/negotiations", """
                            {"listingId": "%s", "validUntil": "2099-01-01T00:00:00Z", "terms": {"dealType": "ASSIGNMENT",
                             "price": {"currency": "VND", "lumpSum": "1"}}}""".formatted(listingId), TestTokens.FIRM)
                    : services.send(Service.BIDDING, "POST", "/auctions", """
                            {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "1", "minimumIncrement": "1",
                             "startsAt": "2098-01-01T00:00:00Z", "endsAt": "2099-01-01T00:00:00Z"}""".formatted(listingId),
                            TestTokens.UNIVERSITY);
            return probe.statusCode() == 409 && probe.body().contains("sale-mode-mismatch");
        });
    }

    private static void step(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
    }
}

package io.techex.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/** Listings and auctions set up over the services' HTTP APIs, as a university, the operator and firms would. */
final class Listings {

    static final String UNIVERSITY = "lan.nguyen";
    static final String OPERATOR = "an.do";
    static final String FIRM = "thu.vo";
    static final String FOREIGN_FIRM = "kenji.sato";
    static final String REGULATOR = "minh.tran";

    private static final AtomicLong PATENT_NUMBERS = new AtomicLong(System.currentTimeMillis() % 10_000_000);

    private final Http http;
    private final String listing;
    private final String bidding;

    Listings(Http http, ExchangeProcess exchange) {
        this.http = http;
        this.listing = exchange.baseUrl(ExchangeProcess.LISTING);
        this.bidding = exchange.baseUrl(ExchangeProcess.BIDDING);
    }

    /** A patent held by hust alone (so no co-owner consent), offered for assignment. */
    static String draftBody() {
        return draftBody("Xử lý nước thải dệt nhuộm, giảm 90% độ màu.", "Removes 90% of colour from textile wastewater.");
    }

    /** As {@link #draftBody()}, with a summary of its own (the catalogue search finds a listing by its summary too). */
    static String draftBody(String summaryVi, String summaryEn) {
        long number = PATENT_NUMBERS.incrementAndGet();
        return """
                {"title": {"vi": "Vật liệu nano hấp phụ thuốc nhuộm %1$d", "en": "Dye-adsorbing nanomaterial %1$d"},
                 "summary": {"vi": "%3$s", "en": "%4$s"},
                 "assetType": "PATENT", "readinessLevel": 6,
                 "ipTitles": [{"office": "VN", "number": "1-%1$d", "kind": "B1", "filingDate": "2019-03-14",
                               "grantDate": "2021-06-01", "expiryDate": "%2$s",
                               "owners": [{"organisationId": "hust", "name": "Đại học Bách khoa Hà Nội", "sharePercent": "100"}]}],
                 "ipcClasses": ["C02F 1/28"], "keywords": ["nước thải", "wastewater"],
                 "dealTypes": [{"dealType": "ASSIGNMENT"}],
                 "askingPrice": {"amount": "1500000000"}, "regulatoryCategory": "ENCOURAGED", "stateFunded": false}"""
                .formatted(number, LocalDate.now().plusYears(12), summaryVi, summaryEn);
    }

    Http.Response draft() {
        return http.send("POST", listing + "/listings", draftBody(), UNIVERSITY);
    }

    /** Drafts, submits, verifies, puts up for auction and publishes a listing; returns its id. */
    String publishForAuction() {
        return publishForAuction(draftBody());
    }

    /** As {@link #publishForAuction()}, drafted with {@code body}. */
    String publishForAuction(String body) {
        String id = http.expect(201, "POST", listing + "/listings", body, UNIVERSITY).json().get("listingId").asText();
        String base = listing + "/listings/" + id;
        http.expect(200, "POST", base + "/submission", null, UNIVERSITY);
        http.expect(200, "POST", base + "/ownership-verification", null, OPERATOR);
        http.expect(200, "PUT", base + "/sale-mode", "{\"saleMode\": \"AUCTION\"}", UNIVERSITY);
        http.expect(200, "POST", base + "/publication", null, UNIVERSITY);
        return id;
    }

    /**
     * Schedules an English auction open now for hours, starting at 1,000 VND with an increment of 1, once bidding-service
     * has heard of the listing from Kafka (until then the listing is not there for it: 404).
     */
    String scheduleAuction(String listingId) throws InterruptedException {
        Instant now = Instant.now();
        String body = """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "1000", "minimumIncrement": "1",
                 "startsAt": "%s", "endsAt": "%s", "softCloseMinutes": 0}"""
                .formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofHours(6)));
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        Http.Response response;
        do {
            response = http.send("POST", bidding + "/auctions", body, UNIVERSITY);
            if (response.status() == 201) {
                return response.json().get("auctionId").asText();
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("Auction on " + listingId + " not scheduled: " + response.status() + " " + response.body());
    }

    /** {@code count} published listings with an open auction each, set up by a few threads; returns the auction ids. */
    List<String> auctions(int count) throws Exception {
        List<String> auctions = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(8, count))) {
            List<Future<String>> listings = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                listings.add(pool.submit(() -> publishForAuction()));
            }
            List<Future<String>> scheduled = new ArrayList<>();
            for (Future<String> listingId : listings) {
                String id = listingId.get();
                scheduled.add(pool.submit(() -> scheduleAuction(id)));
            }
            for (Future<String> auction : scheduled) {
                auctions.add(auction.get());
            }
        }
        return auctions;
    }

    /** A bid as the console places it: with an Idempotency-Key of its own, so Redis's claim is part of its cost. */
    Http.Response bid(String auctionId, long amount, String firm) {
        return http.send("POST", bidding + "/auctions/" + auctionId + "/bids",
                "{\"amount\": \"" + amount + "\", \"currency\": \"VND\"}", firm, UUID.randomUUID().toString());
    }

    /** An auction as a firm watching it reads it: authenticated, one row from bidding-service's read model. */
    Http.Response auction(String auctionId, String firm) {
        return http.send("GET", bidding + "/auctions/" + auctionId, null, firm);
    }
}

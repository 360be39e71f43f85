package io.techex.launcher.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.launcher.FourServices.Service;
import io.techex.testkit.TestTokens;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real resources for the fuzzer to aim at, created the way people would, before the snapshot the fuzz run is compared
 * with: hust's listings in every state a bad request could hit (a draft, one submitted for verification, published
 * ones for negotiation and auctions), an NDA request, an enquiry, a public document, thu.vo's and kenji.sato's negotiations, an English
 * and a sealed-bid auction, kyoto-materials' accepted offer and the contract drawn up from it, a signing key, and a
 * listing of its own for the withdrawals, a notification in lan.nguyen's feed; mekong-biotech's needs (a draft, a
 * published one, and one each to close and to take down) and hust's proposals to it (a draft with a confidential
 * attachment, submitted ones, one each to withdraw and to decline).
 * Deadlines are days away, so none fires during the run.
 */
final class Fixtures {

    /** One step across services through Kafka; usually well under two seconds. */
    private static final Duration ACROSS_SERVICES = Duration.ofSeconds(45);

    private final Http http;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String draft;
    String submitted;
    String negotiable;
    String auctioned;
    String sealed;
    String biddable;
    String contracted;
    String withdrawable;
    String ndaId;
    String enquiryId;
    String documentId;
    String negotiationId;
    String rejectableNegotiationId;
    String auctionId;
    String sealedAuctionId;
    String contractId;
    String documentSha256;
    String keyId;
    String checkName;
    String eventId;
    String notificationId;
    String needDraft;
    String needOpen;
    String needClosable;
    String needTakenDown;
    String proposalDraft;
    String attachmentId;
    String proposalSubmitted;
    String proposalWithdrawable;
    String proposalDeclinable;

    private Fixtures(Http http) {
        this.http = http;
    }

    static Fixtures create(Http http) {
        Fixtures fixtures = new Fixtures(http);
        fixtures.createAll();
        return fixtures;
    }

    private void createAll() {
        draft = listing();
        submitted = listing();
        ok(http.json(Service.LISTING, "POST", "/listings/" + submitted + "/submission", null, TestTokens.UNIVERSITY));
        negotiable = published("NEGOTIATION");
        auctioned = published("AUCTION");
        sealed = published("AUCTION");
        biddable = published("AUCTION");
        contracted = published("NEGOTIATION");
        withdrawable = published("NEGOTIATION");

        // NDAs and enquiries are asked of the market's read model, which learns of the publication a moment later
        ndaId = id(awaitAccepted(() -> http.json(Service.LISTING, "POST", "/listings/" + negotiable + "/nda-requests",
                "{\"message\": \"Xin NDA để xem tài liệu.\"}", TestTokens.FIRM)), "ndaId");
        enquiryId = id(awaitAccepted(() -> http.json(Service.LISTING, "POST", "/listings/" + negotiable + "/enquiries",
                "{\"kind\": \"QUESTION\", \"message\": \"TRL đo ở đâu?\"}", TestTokens.FIRM)), "enquiryId");
        try {
            documentId = id(http.send(Service.LISTING, "POST", "/listings/" + negotiable + "/documents?name=brochure.pdf&visibility=PUBLIC",
                    "application/pdf", "%PDF-1.4 brochure".getBytes(StandardCharsets.UTF_8), Map.of(), TestTokens.UNIVERSITY), "documentId");
        } catch (Exception e) {
            throw new IllegalStateException("could not upload the document", e);
        }

        negotiationId = id(awaitAccepted(() -> http.json(Service.BIDDING, "POST", "/negotiations",
                offer(negotiable), TestTokens.FIRM)), "negotiationId");
        rejectableNegotiationId = id(http.json(Service.BIDDING, "POST", "/negotiations", offer(negotiable), TestTokens.FOREIGN_FIRM),
                "negotiationId");
        auctionId = id(awaitAccepted(() -> http.json(Service.BIDDING, "POST", "/auctions",
                englishAuction(auctioned), TestTokens.UNIVERSITY)), "auctionId");
        sealedAuctionId = id(awaitAccepted(() -> http.json(Service.BIDDING, "POST", "/sealed-bid-auctions",
                sealedAuction(sealed), TestTokens.UNIVERSITY)), "auctionId");
        String accepted = id(awaitAccepted(() -> http.json(Service.BIDDING, "POST", "/negotiations",
                offer(contracted), TestTokens.FOREIGN_FIRM)), "negotiationId");
        ok(http.json(Service.BIDDING, "POST", "/negotiations/" + accepted + "/acceptance", null, TestTokens.UNIVERSITY));
        // biddable must be known to bidding-service too, so that a schedule request for it gets past the lookup: an
        // offer for it is refused (it is sold by auction), with 404 only until bidding-service has heard of it
        await().atMost(ACROSS_SERVICES).pollInterval(Duration.ofMillis(300)).until(() -> http.json(Service.BIDDING, "POST",
                "/negotiations", offer(biddable), TestTokens.FIRM).statusCode() == 409);

        AtomicReference<JsonNode> contract = new AtomicReference<>();
        await().atMost(ACROSS_SERVICES).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (JsonNode mine : json(http.json(Service.CONTRACT, "GET", "/contracts", null, TestTokens.UNIVERSITY))) {
                if (mine.path("listingId").asText().equals(contracted)) {
                    contract.set(mine);
                    return true;
                }
            }
            return false;
        });
        contractId = contract.get().path("contractId").asText();
        documentSha256 = http.json(Service.CONTRACT, "GET", "/contracts/" + contractId + "/document", null, TestTokens.UNIVERSITY)
                .headers().firstValue("X-Document-SHA256").orElseThrow();
        keyId = "hust-fuzz-key";
        HttpResponse<String> key = http.json(Service.CONTRACT, "POST", "/signing-keys",
                "{\"keyId\": \"" + keyId + "\", \"publicKey\": \"" + ed25519PublicKey() + "\"}", TestTokens.UNIVERSITY);
        assertThat(key.statusCode()).as(key.body()).isEqualTo(201);

        needs();

        checkName = json(http.json(Service.AUDIT, "GET", "/audit/checks", null, TestTokens.REGULATOR)).path(0).path("name").asText("x");
        AtomicReference<String> firstEvent = new AtomicReference<>();
        await().atMost(ACROSS_SERVICES).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode trail = json(http.json(Service.AUDIT, "GET", "/audit/assets/" + negotiable + "/trail", null, TestTokens.REGULATOR));
            firstEvent.set(trail.path("entries").path(0).path("eventId").asText(null));
            return firstEvent.get() != null;
        });
        eventId = firstEvent.get();

        // hust's people hear that its listings' ownership was verified: a notification of lan.nguyen's to mark read
        AtomicReference<String> notification = new AtomicReference<>();
        await().atMost(ACROSS_SERVICES).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode feed = json(http.json(Service.NOTIFICATION, "GET", "/notifications", null, TestTokens.UNIVERSITY));
            notification.set(feed.path("items").path(0).path("notificationId").asText(null));
            return notification.get() != null;
        });
        notificationId = notification.get();
    }

    private void needs() {
        needDraft = id(http.json(Service.LISTING, "POST", "/needs", needBody(), TestTokens.FIRM), "needId");
        needOpen = publishedNeed();
        needClosable = publishedNeed();
        needTakenDown = publishedNeed();
        proposalDraft = proposal();
        // 404 until the proposal's read model has the draft
        attachmentId = id(awaitAccepted(() -> {
            try {
                return http.send(Service.LISTING, "POST", "/proposals/" + proposalDraft + "/attachments?name=bao-gia.pdf",
                        "application/pdf", "%PDF-1.4 báo giá".getBytes(StandardCharsets.UTF_8), Map.of(), TestTokens.UNIVERSITY);
            } catch (Exception e) {
                throw new IllegalStateException("could not attach the quotation", e);
            }
        }), "attachmentId");
        proposalSubmitted = submitted(proposal());
        proposalWithdrawable = submitted(proposal());
        proposalDeclinable = submitted(proposal());
    }

    private String publishedNeed() {
        String needId = id(http.json(Service.LISTING, "POST", "/needs", needBody(), TestTokens.FIRM), "needId");
        ok(http.json(Service.LISTING, "POST", "/needs/" + needId + "/publication", null, TestTokens.FIRM));
        return needId;
    }

    /** hust's R&D offer to the open need, drafted once the need's read model lets it (404 until then). */
    private String proposal() {
        return id(awaitAccepted(() -> http.json(Service.LISTING, "POST", "/needs/" + needOpen + "/proposals", proposalBody(),
                TestTokens.UNIVERSITY)), "proposalId");
    }

    private String submitted(String proposalId) {
        awaitAccepted(() -> http.json(Service.LISTING, "POST", "/proposals/" + proposalId + "/submission", null, TestTokens.UNIVERSITY));
        return proposalId;
    }

    /** The valid-looking request of each operation, keyed {@code METHOD /path}: real ids, and a body the service takes. */
    FuzzTarget target(ApiOperation operation) {
        Map<String, String> path = new HashMap<>();
        boolean sealedPath = operation.path().startsWith("/sealed-bid-auctions");
        path.put("listingId", switch (operation.key()) {
            case "PUT /listings/{listingId}/draft", "PUT /listings/{listingId}/sale-mode", "POST /listings/{listingId}/submission",
                 "POST /listings/{listingId}/publication", "POST /listings/{listingId}/co-owner-consent" -> draft;
            case "POST /listings/{listingId}/ownership-verification", "POST /listings/{listingId}/ownership-rejection" -> submitted;
            case "GET /assets/{listingId}/rights" -> contracted;
            // a withdrawal the services wrongly accept must not take the listing the other cases aim at off the market
            case "POST /listings/{listingId}/withdrawal" -> withdrawable;
            default -> negotiable;
        });
        path.put("ndaId", ndaId);
        path.put("enquiryId", enquiryId);
        path.put("documentId", documentId);
        // a rejection the service wrongly accepts closes its negotiation: not the one the counter-offers aim at
        path.put("negotiationId", operation.key().equals("POST /negotiations/{negotiationId}/rejection") ? rejectableNegotiationId : negotiationId);
        path.put("auctionId", sealedPath ? sealedAuctionId : auctionId);
        path.put("contractId", contractId);
        path.put("milestoneId", "m1");
        path.put("number", "1");
        path.put("treeSize", "1");
        path.put("name", checkName);
        path.put("assetId", negotiable);
        path.put("notificationId", notificationId);
        // a closure, take-down, withdrawal or decline the services wrongly accept must not end what other cases aim at
        path.put("needId", switch (operation.key()) {
            case "PUT /needs/{needId}", "POST /needs/{needId}/publication" -> needDraft;
            case "POST /needs/{needId}/closure" -> needClosable;
            case "POST /needs/{needId}/takedown" -> needTakenDown;
            default -> needOpen;
        });
        path.put("proposalId", switch (operation.key()) {
            case "POST /proposals/{proposalId}/attachments", "GET /proposals/{proposalId}/attachments/{attachmentId}",
                 "POST /proposals/{proposalId}/submission" -> proposalDraft;
            case "POST /proposals/{proposalId}/withdrawal" -> proposalWithdrawable;
            case "POST /proposals/{proposalId}/decline" -> proposalDeclinable;
            default -> proposalSubmitted;
        });
        path.put("attachmentId", attachmentId);

        Map<String, String> query = new HashMap<>();
        byte[] binary = null;
        Set<String> free = Set.of("q", "ipc", "currency", "cursor", "party", "type", "format", "name");
        switch (operation.key()) {
            case "POST /listings/{listingId}/documents" -> {
                query.put("name", "fuzz.pdf");
                query.put("visibility", "PUBLIC");
                binary = "%PDF-1.4 fuzz".getBytes(StandardCharsets.UTF_8);
            }
            case "POST /proposals/{proposalId}/attachments" -> {
                query.put("name", "phu-luc.pdf");
                binary = "%PDF-1.4 fuzz".getBytes(StandardCharsets.UTF_8);
            }
            case "GET /audit/log/proofs/inclusion" -> query.put("eventId", eventId);
            case "GET /audit/log/proofs/consistency" -> {
                query.put("first", "1");
                query.put("second", "2");
            }
            default -> {
            }
        }
        String body = body(operation.key());
        return new FuzzTarget(path, query, body == null ? null : parse(body), binary, free);
    }

    private String body(String operation) {
        String later = now.plus(Duration.ofDays(3)).toString();
        return switch (operation) {
            case "POST /listings", "PUT /listings/{listingId}/draft" -> draftBody("Vật liệu hấp phụ từ vỏ trấu", "Rice-husk adsorbent");
            case "PUT /listings/{listingId}/sale-mode" -> "{\"saleMode\": \"NEGOTIATION\"}";
            case "POST /nda-requests/{ndaId}/decline", "POST /listings/{listingId}/withdrawal",
                 "POST /listings/{listingId}/ownership-rejection", "POST /negotiations/{negotiationId}/rejection",
                 "POST /needs/{needId}/closure", "POST /needs/{needId}/takedown", "POST /proposals/{proposalId}/withdrawal",
                 "POST /proposals/{proposalId}/decline" -> "{\"reason\": \"Chưa đủ thông tin\"}";
            case "POST /needs", "PUT /needs/{needId}" -> needBody();
            case "POST /needs/{needId}/proposals" -> proposalBody();
            case "POST /listings/{listingId}/nda-requests" -> "{\"message\": \"Xin NDA\"}";
            case "POST /listings/{listingId}/enquiries" -> "{\"kind\": \"QUESTION\", \"message\": \"Giá có thương lượng?\"}";
            case "POST /enquiries/{enquiryId}/answer" -> "{\"answer\": \"Có\"}";
            case "PUT /auctions/{auctionId}/bid-limit" -> "{\"amount\": \"900000000\", \"currency\": \"VND\"}";
            case "POST /auctions/{auctionId}/bids" -> "{\"amount\": \"550000000\", \"currency\": \"VND\"}";
            case "POST /auctions" -> englishAuction(biddable);
            case "POST /sealed-bid-auctions" -> sealedAuction(biddable);
            case "POST /sealed-bid-auctions/{auctionId}/commitments" ->
                    "{\"commitment\": \"" + "ab".repeat(32) + "\"}";
            case "POST /sealed-bid-auctions/{auctionId}/reveals" -> "{\"amount\": \"700000000\", \"currency\": \"VND\", \"secret\": \"s1\"}";
            case "POST /negotiations" -> offer(negotiable);
            case "POST /negotiations/{negotiationId}/counter-offers" -> "{\"terms\": " + terms() + ", \"validUntil\": \"" + later + "\"}";
            case "POST /signing-keys" -> "{\"keyId\": \"hust-fuzz-key-2\", \"publicKey\": \"" + ed25519PublicKey() + "\"}";
            case "POST /contracts/{contractId}/termination" ->
                    "{\"reason\": \"AGREEMENT\", \"note\": \"Hai bên thỏa thuận\", \"effectiveOn\": \"2027-06-01\"}";
            case "POST /contracts/{contractId}/signatures" -> "{\"keyId\": \"" + keyId + "\", \"signature\": \""
                    + Base64.getEncoder().encodeToString(new byte[64]) + "\", \"documentSha256\": \"" + documentSha256 + "\"}";
            case "POST /contracts/{contractId}/royalty-reports" ->
                    "{\"periodNumber\": 1, \"netSales\": {\"amount\": \"1000000000\", \"currency\": \"VND\"}}";
            case "POST /contracts/{contractId}/registration-decision", "POST /contracts/{contractId}/permit-decision" ->
                    "{\"outcome\": \"GRANTED\", \"number\": \"DK-2027-001\", \"reason\": \"Đủ điều kiện\"}";
            case "POST /contracts/{contractId}/payments" -> "{\"periodNumber\": 1, \"amount\": {\"amount\": \"25000000\", "
                    + "\"currency\": \"VND\"}, \"paidOn\": \"2027-04-15\", \"reference\": \"UNC-001\"}";
            case "POST /contracts/{contractId}/milestones/{milestoneId}/met" -> "{\"metOn\": \"2027-03-01\", \"note\": \"Pilot xong\"}";
            case "PUT /notifications/preferences" -> "{\"language\": \"vi\", \"emailEnabled\": true, \"mutedKinds\": [\"OUTBID\"]}";
            case "POST /contracts/{contractId}/amendments" -> """
                    {"dealType": "NON_EXCLUSIVE_LICENCE", "fieldOfUse": "xử lý nước", "territory": "VN", "termStart": "2027-01-01",
                     "termEnd": "2029-12-31", "termMonths": 36, "price": {"amount": "1000000000", "currency": "VND"},
                     "royalty": {"ratePercent": "2.5", "period": "QUARTER", "minimumPerYear": {"amount": "50000000", "currency": "VND"}},
                     "milestones": [{"milestoneId": "m1", "description": "Pilot", "dueDate": "2027-06-01",
                                     "payment": {"amount": "100000000", "currency": "VND"}}],
                     "governingTerms": "Luật Chuyển giao công nghệ 2017"}""";
            default -> null;
        };
    }

    // ---- creating them

    private String listing() {
        HttpResponse<String> created = http.json(Service.LISTING, "POST", "/listings",
                draftBody("Màng lọc nano xử lý nước thải", "Nano-filtration membrane"), TestTokens.UNIVERSITY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("listingId").asText();
    }

    private String published(String saleMode) {
        String id = listing();
        ok(http.json(Service.LISTING, "POST", "/listings/" + id + "/submission", null, TestTokens.UNIVERSITY));
        ok(http.json(Service.LISTING, "POST", "/listings/" + id + "/ownership-verification", null, TestTokens.OPERATOR));
        ok(http.json(Service.LISTING, "PUT", "/listings/" + id + "/sale-mode", "{\"saleMode\": \"" + saleMode + "\"}", TestTokens.UNIVERSITY));
        ok(http.json(Service.LISTING, "POST", "/listings/" + id + "/publication", null, TestTokens.UNIVERSITY));
        return id;
    }

    private static String draftBody(String titleVi, String titleEn) {
        return """
                {"title": {"vi": "%s", "en": "%s"},
                 "summary": {"vi": "Đã thử nghiệm ở quy mô pilot.", "en": "Piloted."},
                 "assetType": "PATENT", "readinessLevel": 6,
                 "ipTitles": [{"office": "VN", "number": "1-00%d", "kind": "B1", "filingDate": "2019-03-14",
                               "grantDate": "2021-06-01", "expiryDate": "2039-03-14",
                               "owners": [{"organisationId": "hust", "name": "Đại học Bách khoa Hà Nội", "sharePercent": "100"}]}],
                 "ipcClasses": ["C02F 1/44"], "keywords": ["nước thải", "wastewater"],
                 "dealTypes": [{"dealType": "NON_EXCLUSIVE_LICENCE", "fieldOfUse": "dệt nhuộm", "territory": "VN"}, {"dealType": "ASSIGNMENT"}],
                 "askingPrice": {"amount": "1500000000", "currency": "VND", "onRequest": false},
                 "regulatoryCategory": "ORDINARY", "stateFunded": false}""".formatted(titleVi, titleEn, System.nanoTime() % 1_000_000);
    }

    /** mekong-biotech's need, complete, open for 60 days once published. */
    private String needBody() {
        return """
                {"title": {"vi": "Cần công nghệ xử lý nước thải dệt nhuộm", "en": "Seeking textile-dye wastewater treatment"},
                 "statement": {"vi": "Khu công nghiệp cần giảm độ màu và COD, 500 m³/ngày."}, "keywords": ["nước thải", "dệt nhuộm"],
                 "ipcClasses": ["C02F"], "minReadinessLevel": 6, "dealTypes": ["NON_EXCLUSIVE_LICENCE", "ASSIGNMENT"],
                 "territory": "VN", "budget": {"min": "500000000", "max": "2000000000", "currency": "VND"},
                 "deadline": "%s", "ownerNamePublic": false, "ownerKind": "FIRM"}""".formatted(now.plus(Duration.ofDays(60)));
    }

    /** hust's R&D offer: what it would develop, in how long, for how much. */
    private static String proposalBody() {
        return """
                {"kind": "RND_OFFER", "message": {"vi": "Nhóm đã chạy pilot keo tụ điện hóa."},
                 "rndOffer": {"description": {"vi": "Hệ keo tụ điện hóa 500 m³/ngày", "en": "A 500 m³/day electro-coagulation unit"},
                              "durationMonths": 18, "cost": {"amount": "1800000000", "currency": "VND"}, "readinessLevel": 7}}""";
    }

    private String offer(String listingId) {
        return "{\"listingId\": \"" + listingId + "\", \"terms\": " + terms() + ", \"validUntil\": \""
                + now.plus(Duration.ofDays(3)) + "\"}";
    }

    private static String terms() {
        return """
                {"dealType": "NON_EXCLUSIVE_LICENCE", "fieldOfUse": "dệt nhuộm", "territory": "VN", "termMonths": 36,
                 "price": {"currency": "VND", "lumpSum": "800000000", "runningRoyaltyPercent": "2.5",
                           "minimumAnnualRoyalty": "50000000", "milestones": [{"description": "Pilot", "amount": "100000000"}]}}""";
    }

    private String englishAuction(String listingId) {
        return """
                {"listingId": "%s", "dealType": "NON_EXCLUSIVE_LICENCE", "territory": "VN", "termMonths": 60, "currency": "VND",
                 "startingPrice": "500000000", "reservePrice": "600000000", "minimumIncrement": "10000000",
                 "startsAt": "%s", "endsAt": "%s", "softCloseMinutes": 0}""".formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofDays(1)));
    }

    private String sealedAuction(String listingId) {
        return """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "currency": "VND", "reservePrice": "600000000",
                 "startsAt": "%s", "bidsDueAt": "%s", "endsAt": "%s"}""".formatted(listingId, now.minusSeconds(1),
                now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
    }

    private static String ed25519PublicKey() {
        try {
            return Base64.getEncoder().encodeToString(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Repeats a write until bidding-service knows the listing from Kafka, or a read model the write looks at has caught
     * up (404 until then); anything else but success fails.
     */
    private static HttpResponse<String> awaitAccepted(Supplier<HttpResponse<String>> request) {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(ACROSS_SERVICES).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpResponse<String> response = request.get();
            assertThat(response.statusCode()).as(response.body()).isIn(200, 201, 404);
            answer.set(response);
            return response.statusCode() != 404;
        });
        return answer.get();
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().uri() + ": " + response.body()).isEqualTo(200);
    }

    private static String id(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.request().uri() + ": " + response.body()).isIn(200, 201);
        return json(response).path(field).asText();
    }

    static JsonNode json(HttpResponse<String> response) {
        return parse(response.body());
    }

    static JsonNode parse(String text) {
        try {
            return BadInputs.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }
}

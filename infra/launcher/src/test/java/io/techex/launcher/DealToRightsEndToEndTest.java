package io.techex.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.launcher.FourServices.Service;
import io.techex.testkit.TestTokens;
import io.techex.testkit.openapi.OpenApiConformanceExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import static io.techex.launcher.FourServices.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deals across the whole exchange, through the real broker: the four services run in this JVM against one database
 * (a schema each) and one Kafka namespace, and the people act over HTTP with the tokens the authorization server gave
 * them. A university publishes a listing in listing-service; bidding-service learns of it from Kafka and runs the
 * auction or negotiation whose DealAgreed makes contract-service draw up the contract; both parties sign it with their
 * registered Ed25519 keys; its activation comes back to listing-service as a licence or a change of owner; and the
 * regulator reads the whole story, with who did what, in audit-service.
 * <p>
 * The services keep the real time: an auction ends a few seconds after it is scheduled, and its persisted deadline
 * closes it when that time comes.
 */
@ExtendWith(OpenApiConformanceExtension.class)
class DealToRightsEndToEndTest {

    static final String HUST = "hust";
    static final String MEKONG = "mekong-biotech";
    static final String KYOTO = "kyoto-materials";
    /** How long one step across services may take on a busy machine; they usually take well under two seconds. */
    static final Duration ACROSS_SERVICES = Duration.ofSeconds(45);
    /** An auction's time: long enough for the bids on a busy machine, short enough to keep the test quick. */
    static final Duration AUCTION_TIME = Duration.ofSeconds(6);
    static final Duration READ_POLL = Duration.ofMillis(200);
    /** Repeated writes count against the organisation's write limit (120 a minute): poll them less often. */
    static final Duration WRITE_POLL = Duration.ofMillis(500);

    static FourServices exchange;

    @BeforeAll
    static void startTheExchange() {
        exchange = FourServices.start("deals-e2e");
    }

    @AfterAll
    static void stopTheExchange() {
        if (exchange != null) {
            exchange.close();
        }
    }

    @Test
    void anAuctionWonByADomesticFirmEndsInAnActiveExclusiveLicenceAndTheRegulatorSeesEveryStep() throws Exception {
        String listingId = publishedListing("AUCTION", "Màng lọc nano xử lý nước thải dệt nhuộm",
                "Nano-filtration membrane for textile-dye wastewater");

        Auction auction = scheduleAuction(listingId, """
                "dealType": "EXCLUSIVE_LICENCE", "territory": "VN", "termMonths": 60,
                "startingPrice": "500000000", "reservePrice": "600000000", "minimumIncrement": "10000000"
                """);
        String auctionId = auction.auctionId();
        // kyoto-materials opens, mekong-biotech must beat it by the increment, and does
        assertThat(bid(auctionId, TestTokens.FOREIGN_FIRM, "550000000").statusCode()).isEqualTo(201);
        HttpResponse<String> tooLow = bid(auctionId, TestTokens.FIRM, "555000000");
        assertThat(tooLow.statusCode()).as(tooLow.body()).isEqualTo(409);
        assertThat(json(tooLow).at("/minimumBid/amount").asText()).isEqualTo("560000000");
        assertThat(bid(auctionId, TestTokens.FIRM, "600000000").statusCode()).isEqualTo(201);
        awaitUntil(() -> json(exchange.get(Service.BIDDING, "/auctions/" + auctionId, TestTokens.FIRM)).path("youLead").asBoolean());
        assertThat(json(exchange.get(Service.BIDDING, "/auctions/" + auctionId, TestTokens.FOREIGN_FIRM)).path("youLead").asBoolean()).isFalse();

        // nobody moves a clock: the persisted deadline closes the auction at its end, for the highest bidder
        awaitUntil(() -> json(exchange.get(Service.BIDDING, "/auctions/" + auctionId, TestTokens.REGULATOR)).path("status").asText()
                .equals("WON"));
        assertThat(Instant.now()).isAfterOrEqualTo(auction.endsAt());

        JsonNode contract = awaitContract(listingId, TestTokens.FIRM);
        String contractId = contract.get("contractId").asText();
        assertThat(contract.get("sellerOrganisationId").asText()).isEqualTo(HUST);
        assertThat(contract.get("buyerOrganisationId").asText()).isEqualTo(MEKONG);
        assertThat(contract.get("status").asText()).isEqualTo("DRAFTING");
        assertThat(contract.get("regulatoryCategory").asText()).isEqualTo("ORDINARY");
        assertThat(contract.at("/terms/dealType").asText()).isEqualTo("EXCLUSIVE_LICENCE");
        assertThat(contract.at("/terms/territory").asText()).isEqualTo("VN");
        assertThat(contract.at("/terms/termMonths").asInt()).isEqualTo(60);
        assertThat(contract.at("/terms/price/amount").asText()).isEqualTo("600000000");
        assertThat(contract.get("technologyTitle").asText()).contains("Màng lọc nano");
        awaitListingStatus(listingId, "UNDER_CONTRACT");

        sign(contractId, TestTokens.UNIVERSITY);
        sign(contractId, TestTokens.FIRM);

        JsonNode active = awaitContractStatus(contractId, TestTokens.UNIVERSITY, "ACTIVE");
        assertThat(active.at("/legalPath/registrationRequired").asBoolean()).isFalse();
        assertThat(active.get("signatures")).hasSize(2);
        assertThat(exchange.get(Service.CONTRACT, "/assets/" + listingId + "/rights", TestTokens.OPERATOR).body())
                .contains(MEKONG, "EXCLUSIVE_LICENCE");

        JsonNode licensed = awaitListingStatus(listingId, "LICENSED");
        assertThat(licensed.get("ownerOrganisationId").asText()).isEqualTo(HUST);
        // an exclusive licence leaves nothing to sell: bidding takes no new auction on the listing
        awaitRefused(() -> exchange.post(Service.BIDDING, "/auctions", auctionRequest(listingId,
                "\"dealType\": \"ASSIGNMENT\", \"startingPrice\": \"1\", \"minimumIncrement\": \"1\"",
                Instant.now().plus(Duration.ofDays(1))), TestTokens.UNIVERSITY), "listing-not-biddable");

        JsonNode trail = awaitTrail(listingId,
                "io.techex.listing.ListingDrafted.v1",
                "io.techex.listing.ListingSubmitted.v1",
                "io.techex.listing.OwnershipVerified.v1",
                "io.techex.listing.ListingPublished.v1",
                "io.techex.bidding.AuctionScheduled.v1",
                "io.techex.bidding.BidPlaced.v1",
                "io.techex.bidding.BidPlaced.v1",
                "io.techex.bidding.DealAgreed.v1",
                "io.techex.contract.ContractCreated.v1",
                "io.techex.listing.ListingUnderContract.v1",
                "io.techex.contract.ContractSigned.v1",
                "io.techex.contract.ContractSigned.v1",
                "io.techex.contract.ContractActivated.v1",
                "io.techex.listing.ListingLicensed.v1");
        assertThat(trail.at("/asset/titleVi").asText()).isEqualTo("Màng lọc nano xử lý nước thải dệt nhuộm");
        assertActor(only(trail, "io.techex.listing.ListingDrafted.v1"), "lan.nguyen", HUST, "UNIVERSITY");
        assertActor(only(trail, "io.techex.listing.ListingSubmitted.v1"), "lan.nguyen", HUST, "UNIVERSITY");
        assertActor(only(trail, "io.techex.listing.OwnershipVerified.v1"), "an.do", "techex", "OPERATOR");
        assertActor(only(trail, "io.techex.listing.ListingPublished.v1"), "lan.nguyen", HUST, "UNIVERSITY");
        assertActor(only(trail, "io.techex.bidding.AuctionScheduled.v1"), "lan.nguyen", HUST, "UNIVERSITY");
        // the bids accepted, each in its bidder's name; the one refused as too low left no trace
        List<JsonNode> bids = all(trail, "io.techex.bidding.BidPlaced.v1");
        assertThat(bids).hasSize(2);
        assertActor(bids.get(0), "kenji.sato", KYOTO, "FIRM");
        assertThat(bids.get(0).at("/data/amount").asText()).isEqualTo("550000000");
        assertActor(bids.get(1), "thu.vo", MEKONG, "FIRM");
        assertThat(bids.get(1).at("/data/amount").asText()).isEqualTo("600000000");
        List<JsonNode> signatures = all(trail, "io.techex.contract.ContractSigned.v1");
        assertActor(signatures.get(0), "lan.nguyen", HUST, "UNIVERSITY");
        assertActor(signatures.get(1), "thu.vo", MEKONG, "FIRM");
        assertActor(only(trail, "io.techex.contract.ContractActivated.v1"), "thu.vo", MEKONG, "FIRM");
        // the deal is the auction's close, by its deadline: no person acted there, the exchange did
        JsonNode deal = only(trail, "io.techex.bidding.DealAgreed.v1");
        assertActor(deal, "bidding-service", "techex", "SYSTEM");
        assertThat(deal.get("source").asText()).isEqualTo("/techex/bidding-service");
        assertThat(deal.at("/data/buyerOrganisationId").asText()).isEqualTo(MEKONG);
        assertThat(deal.at("/data/source/kind").asText()).isEqualTo("ENGLISH_AUCTION");
        assertThat(deal.at("/data/source/id").asText()).isEqualTo(auctionId);
        assertThat(only(trail, "io.techex.contract.ContractCreated.v1").at("/data/contractId").asText()).isEqualTo(contractId);
    }

    @Test
    void anAgreedAssignmentMakesTheBuyerTheListingsOwner() throws Exception {
        String listingId = publishedListing("NEGOTIATION", "Chủng vi sinh phân hủy thuốc nhuộm azo",
                "Bacterial strain degrading azo dyes");

        // mekong-biotech offers to buy the patent outright; hust accepts
        String offer = """
                {"listingId": "%s", "validUntil": "%s",
                 "terms": {"dealType": "ASSIGNMENT", "price": {"currency": "VND", "lumpSum": "1200000000"}}}"""
                .formatted(listingId, Instant.now().plus(Duration.ofDays(3)));
        String negotiationId = json(awaitAccepted(() -> exchange.post(Service.BIDDING, "/negotiations", offer, TestTokens.FIRM), 201))
                .get("negotiationId").asText();
        HttpResponse<String> accepted = exchange.post(Service.BIDDING, "/negotiations/" + negotiationId + "/acceptance", null,
                TestTokens.UNIVERSITY);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        JsonNode contract = awaitContract(listingId, TestTokens.UNIVERSITY);
        String contractId = contract.get("contractId").asText();
        assertThat(contract.get("buyerOrganisationId").asText()).isEqualTo(MEKONG);
        assertThat(contract.at("/terms/dealType").asText()).isEqualTo("ASSIGNMENT");
        assertThat(contract.at("/terms/price/amount").asText()).isEqualTo("1200000000");
        awaitListingStatus(listingId, "UNDER_CONTRACT");

        sign(contractId, TestTokens.FIRM);
        sign(contractId, TestTokens.UNIVERSITY);
        awaitContractStatus(contractId, TestTokens.FIRM, "ACTIVE");

        // TRANSFERRED and the new owner are two events of one command, which the catalogue may apply in two batches
        awaitListingStatus(listingId, "TRANSFERRED");
        await().atMost(ACROSS_SERVICES).pollInterval(READ_POLL).untilAsserted(() -> {
            JsonNode transferred = json(exchange.get(Service.LISTING, "/listings/" + listingId, TestTokens.FIRM));
            assertThat(transferred.path("ownerOrganisationId").asText()).isEqualTo(MEKONG);
            assertThat(transferred.path("sellerOrganisationId").asText()).isEqualTo(HUST);
        });
        assertThat(exchange.get(Service.LISTING, "/listings/mine", TestTokens.FIRM).body()).contains(listingId);
        // the patent is no longer hust's to sell: bidding takes no new offer on it
        awaitRefused(() -> exchange.post(Service.BIDDING, "/negotiations", offer, TestTokens.FOREIGN_FIRM), "listing-not-biddable");

        JsonNode trail = awaitTrail(listingId,
                "io.techex.listing.ListingPublished.v1",
                "io.techex.bidding.OfferMade.v1",
                "io.techex.bidding.DealAgreed.v1",
                "io.techex.contract.ContractCreated.v1",
                "io.techex.listing.ListingUnderContract.v1",
                "io.techex.contract.ContractSigned.v1",
                "io.techex.contract.ContractSigned.v1",
                "io.techex.contract.OwnershipTransferred.v1",
                "io.techex.listing.ListingTransferred.v1",
                "io.techex.listing.OwnershipChanged.v1");
        assertInOrder(trail, "io.techex.contract.ContractSigned.v1", "io.techex.contract.ContractActivated.v1",
                "io.techex.listing.ListingTransferred.v1");
        // hust's acceptance made the deal, and the contract and the listing's move follow from it in hust's name
        assertActor(only(trail, "io.techex.bidding.OfferMade.v1"), "thu.vo", MEKONG, "FIRM");
        JsonNode deal = only(trail, "io.techex.bidding.DealAgreed.v1");
        assertActor(deal, "lan.nguyen", HUST, "UNIVERSITY");
        assertActor(only(trail, "io.techex.contract.ContractCreated.v1"), "lan.nguyen", HUST, "UNIVERSITY");
        assertActor(only(trail, "io.techex.listing.ListingUnderContract.v1"), "lan.nguyen", HUST, "UNIVERSITY");
        List<JsonNode> signatures = all(trail, "io.techex.contract.ContractSigned.v1");
        assertActor(signatures.get(0), "thu.vo", MEKONG, "FIRM");
        assertActor(signatures.get(1), "lan.nguyen", HUST, "UNIVERSITY");
        assertThat(deal.at("/data/source/kind").asText()).isEqualTo("NEGOTIATION");
        assertThat(deal.at("/data/source/id").asText()).isEqualTo(negotiationId);
        JsonNode ownership = only(trail, "io.techex.contract.OwnershipTransferred.v1");
        assertThat(ownership.at("/data/toOrganisationId").asText()).isEqualTo(MEKONG);
        assertActor(ownership, "lan.nguyen", HUST, "UNIVERSITY");
        assertThat(only(trail, "io.techex.listing.OwnershipChanged.v1").toString()).contains(MEKONG);
    }

    @Test
    void aForeignWinnersLicenceWaitsForTheRegulatorsRegistration() throws Exception {
        String listingId = publishedListing("AUCTION", "Gốm áp điện không chì", "Lead-free piezoelectric ceramic");

        String auctionId = scheduleAuction(listingId, """
                "dealType": "EXCLUSIVE_LICENCE", "territory": "VN", "termMonths": 36,
                "startingPrice": "300000000", "minimumIncrement": "5000000"
                """).auctionId();
        assertThat(bid(auctionId, TestTokens.FIRM, "300000000").statusCode()).isEqualTo(201);
        assertThat(bid(auctionId, TestTokens.FOREIGN_FIRM, "320000000").statusCode()).isEqualTo(201);

        JsonNode contract = awaitContract(listingId, TestTokens.FOREIGN_FIRM);
        String contractId = contract.get("contractId").asText();
        assertThat(contract.get("buyerOrganisationId").asText()).isEqualTo(KYOTO);
        sign(contractId, TestTokens.FOREIGN_FIRM);
        sign(contractId, TestTokens.UNIVERSITY);

        // hust (VN) licenses to kyoto-materials (JP): registration is required before it takes effect
        JsonNode waiting = awaitContractStatus(contractId, TestTokens.UNIVERSITY, "AWAITING_REGISTRATION");
        assertThat(waiting.at("/legalPath/registrationRequired").asBoolean()).isTrue();
        assertThat(exchange.get(Service.CONTRACT, "/regulator/pending", TestTokens.REGULATOR).body()).contains(contractId);
        awaitListingStatus(listingId, "UNDER_CONTRACT");

        HttpResponse<String> registered = exchange.post(Service.CONTRACT, "/contracts/" + contractId + "/registration-decision",
                "{\"outcome\": \"GRANTED\", \"number\": \"DK-2026-117\"}", TestTokens.REGULATOR);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        JsonNode active = awaitContractStatus(contractId, TestTokens.FOREIGN_FIRM, "ACTIVE");
        assertThat(active.at("/decisions/0/officerPersonId").asText()).isEqualTo("minh.tran");
        awaitListingStatus(listingId, "LICENSED");

        JsonNode trail = awaitTrail(listingId,
                "io.techex.bidding.AuctionScheduled.v1",
                "io.techex.bidding.BidPlaced.v1",
                "io.techex.bidding.BidPlaced.v1",
                "io.techex.bidding.DealAgreed.v1",
                "io.techex.contract.ContractCreated.v1",
                "io.techex.contract.ContractSigned.v1",
                "io.techex.contract.ContractSigned.v1",
                "io.techex.contract.RegulatoryDecisionRequested.v1",
                "io.techex.contract.ContractRegistered.v1",
                "io.techex.contract.ContractActivated.v1",
                "io.techex.listing.ListingLicensed.v1");
        // the regulators were asked, by the last signature, for a registration due when the contract said it was
        JsonNode requested = only(trail, "io.techex.contract.RegulatoryDecisionRequested.v1");
        assertActor(requested, "lan.nguyen", "hust", "UNIVERSITY");
        assertThat(requested.at("/data/decision").asText()).isEqualTo("REGISTRATION");
        assertThat(Instant.parse(requested.at("/data/dueBy").asText()))
                .isEqualTo(Instant.parse(waiting.at("/legalPath/decisionDueBy").asText()));
        assertThat(requested.at("/data/reasons/0").asText()).contains("article 31(1)(b)");
        assertActor(all(trail, "io.techex.bidding.BidPlaced.v1").getLast(), "kenji.sato", KYOTO, "FIRM");
        assertActor(all(trail, "io.techex.contract.ContractSigned.v1").getFirst(), "kenji.sato", KYOTO, "FIRM");
        assertActor(only(trail, "io.techex.contract.ContractRegistered.v1"), "minh.tran", "dost-hanoi", "REGULATOR");
        assertThat(only(trail, "io.techex.contract.ContractRegistered.v1").at("/data/registrationNumber").asText()).isEqualTo("DK-2026-117");
        assertThat(only(trail, "io.techex.bidding.DealAgreed.v1").at("/data/buyerOrganisationId").asText()).isEqualTo(KYOTO);
    }

    // ---- steps

    /** hust drafts a complete listing, submits it, the operator verifies ownership, hust chooses how to sell and publishes. */
    private static String publishedListing(String saleMode, String titleVi, String titleEn) throws Exception {
        String number = "1-00" + (System.nanoTime() % 1_000_000);
        HttpResponse<String> created = exchange.post(Service.LISTING, "/listings", """
                {"title": {"vi": "%s", "en": "%s"},
                 "summary": {"vi": "Đã thử nghiệm ở quy mô pilot tại nhà máy dệt.", "en": "Piloted at a textile mill."},
                 "assetType": "PATENT", "readinessLevel": 6,
                 "ipTitles": [{"office": "VN", "number": "%s", "kind": "B1", "filingDate": "2019-03-14",
                               "grantDate": "2021-06-01", "expiryDate": "2039-03-14",
                               "owners": [{"organisationId": "hust", "name": "Đại học Bách khoa Hà Nội", "sharePercent": "100"}]}],
                 "ipcClasses": ["C02F 1/44"], "keywords": ["nước thải", "wastewater"],
                 "dealTypes": [{"dealType": "EXCLUSIVE_LICENCE", "territory": "VN"}, {"dealType": "ASSIGNMENT"}],
                 "askingPrice": {"amount": "1500000000", "currency": "VND"},
                 "regulatoryCategory": "ORDINARY", "stateFunded": false}""".formatted(titleVi, titleEn, number),
                TestTokens.UNIVERSITY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String listingId = json(created).get("listingId").asText();
        step(exchange.post(Service.LISTING, "/listings/" + listingId + "/submission", null, TestTokens.UNIVERSITY));
        step(exchange.post(Service.LISTING, "/listings/" + listingId + "/ownership-verification", null, TestTokens.OPERATOR));
        step(exchange.put(Service.LISTING, "/listings/" + listingId + "/sale-mode", "{\"saleMode\": \"" + saleMode + "\"}",
                TestTokens.UNIVERSITY));
        HttpResponse<String> published = exchange.post(Service.LISTING, "/listings/" + listingId + "/publication", null,
                TestTokens.UNIVERSITY);
        step(published);
        assertThat(json(published).get("status").asText()).isEqualTo("PUBLISHED");
        return listingId;
    }

    record Auction(String auctionId, Instant endsAt) {
    }

    /**
     * hust schedules an English auction open from now until {@link #AUCTION_TIME} from now, once bidding has heard of the
     * listing (each attempt counts its end from its own time).
     */
    private static Auction scheduleAuction(String listingId, String terms) throws Exception {
        AtomicReference<Instant> endsAt = new AtomicReference<>();
        HttpResponse<String> scheduled = awaitAccepted(() -> {
            endsAt.set(Instant.now().plus(AUCTION_TIME));
            return exchange.post(Service.BIDDING, "/auctions", auctionRequest(listingId, terms, endsAt.get()), TestTokens.UNIVERSITY);
        }, 201);
        return new Auction(json(scheduled).get("auctionId").asText(), endsAt.get());
    }

    private static String auctionRequest(String listingId, String terms, Instant endsAt) {
        return """
                {"listingId": "%s", %s, "currency": "VND", "startsAt": "%s", "endsAt": "%s", "softCloseMinutes": 0}"""
                .formatted(listingId, terms, Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS), endsAt);
    }

    private static HttpResponse<String> bid(String auctionId, String person, String amount) throws Exception {
        return exchange.post(Service.BIDDING, "/auctions/" + auctionId + "/bids",
                "{\"amount\": \"" + amount + "\", \"currency\": \"VND\"}", person);
    }

    /**
     * Repeats a request until it gets {@code status}: bidding-service answers 404 for a listing until the listing's
     * ListingPublished has come to it through Kafka. Any other answer fails at once.
     */
    private static HttpResponse<String> awaitAccepted(Callable<HttpResponse<String>> request, int status) {
        AtomicReference<HttpResponse<String>> answer = new AtomicReference<>();
        await().atMost(ACROSS_SERVICES).pollDelay(Duration.ZERO).pollInterval(WRITE_POLL).until(() -> {
            HttpResponse<String> response = request.call();
            assertThat(response.statusCode()).as(response.body()).isIn(status, 404);
            answer.set(response);
            return response.statusCode() == status;
        });
        return answer.get();
    }

    /**
     * Repeats a request until bidding-service refuses it as a {@code 409} of {@code problem}: it learns through Kafka
     * that a listing stopped taking deals. Anything accepted meanwhile fails at once.
     */
    private static void awaitRefused(Callable<HttpResponse<String>> request, String problem) {
        await().atMost(ACROSS_SERVICES).pollDelay(Duration.ZERO).pollInterval(WRITE_POLL).until(() -> {
            HttpResponse<String> response = request.call();
            assertThat(response.statusCode()).as(response.body()).isGreaterThanOrEqualTo(400);
            return response.statusCode() == 409 && json(response).path("type").asText().endsWith("/" + problem);
        });
    }

    private static void awaitUntil(Callable<Boolean> condition) {
        await().atMost(ACROSS_SERVICES).pollDelay(Duration.ZERO).pollInterval(READ_POLL).until(condition);
    }

    /** The contract of the listing's deal, once contract-service made it from DealAgreed, as one of its parties reads it. */
    private static JsonNode awaitContract(String listingId, String party) {
        AtomicReference<JsonNode> contract = new AtomicReference<>();
        await().atMost(ACROSS_SERVICES).pollDelay(Duration.ZERO).pollInterval(READ_POLL).until(() -> {
            for (JsonNode mine : json(exchange.get(Service.CONTRACT, "/contracts", party))) {
                if (mine.get("listingId").asText().equals(listingId)) {
                    contract.set(mine);
                    return true;
                }
            }
            return false;
        });
        return contract.get();
    }

    private static JsonNode awaitContractStatus(String contractId, String person, String status) {
        AtomicReference<JsonNode> contract = new AtomicReference<>();
        await().atMost(ACROSS_SERVICES).pollDelay(Duration.ZERO).pollInterval(READ_POLL).until(() -> {
            contract.set(json(exchange.get(Service.CONTRACT, "/contracts/" + contractId, person)));
            return status.equals(contract.get().path("status").asText());
        });
        return contract.get();
    }

    /** The listing as mekong-biotech (a firm, not its seller) sees it in listing-service, once it reached {@code status}. */
    private static JsonNode awaitListingStatus(String listingId, String status) {
        AtomicReference<JsonNode> listing = new AtomicReference<>();
        await().atMost(ACROSS_SERVICES).pollDelay(Duration.ZERO).pollInterval(READ_POLL).until(() -> {
            HttpResponse<String> response = exchange.get(Service.LISTING, "/listings/" + listingId, TestTokens.FIRM);
            if (response.statusCode() != 200) {
                return false;
            }
            listing.set(json(response));
            return status.equals(listing.get().path("status").asText());
        });
        return listing.get();
    }

    /**
     * Signs the contract's current version as {@code person}'s organisation: registers a new Ed25519 key, reads the
     * document and its SHA-256, checks the hash is the document's, and signs the hash's hex text.
     */
    private static void sign(String contractId, String person) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String keyId = person + "-" + UUID.randomUUID();
        HttpResponse<String> registered = exchange.post(Service.CONTRACT, "/signing-keys", """
                {"keyId": "%s", "publicKey": "%s"}""".formatted(keyId,
                Base64.getEncoder().encodeToString(keys.getPublic().getEncoded())), person);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        HttpResponse<String> document = exchange.get(Service.CONTRACT, "/contracts/" + contractId + "/document", person);
        assertThat(document.statusCode()).as(document.body()).isEqualTo(200);
        String sha256 = document.headers().firstValue("X-Document-SHA256").orElseThrow();
        assertThat(sha256).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(document.body().getBytes(StandardCharsets.UTF_8))));

        HttpResponse<String> signed = exchange.post(Service.CONTRACT, "/contracts/" + contractId + "/signatures", """
                {"keyId": "%s", "signature": "%s", "documentSha256": "%s"}""".formatted(keyId, ed25519(keys, sha256), sha256),
                person);
        assertThat(signed.statusCode()).as(signed.body()).isEqualTo(200);
    }

    private static String ed25519(KeyPair keys, String sha256) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(keys.getPrivate());
        signature.update(sha256.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signature.sign());
    }

    // ---- the regulator's trail

    /**
     * The listing's trail as the regulator reads it, once it holds {@code types} in this order: audit-service reads the
     * three services' topics each at its own pace, so an effect may be recorded a moment before its cause is.
     */
    private static JsonNode awaitTrail(String listingId, String... types) {
        AtomicReference<JsonNode> trail = new AtomicReference<>();
        await().atMost(ACROSS_SERVICES).pollDelay(Duration.ZERO).pollInterval(READ_POLL).untilAsserted(() -> {
            HttpResponse<String> response = exchange.get(Service.AUDIT, "/audit/assets/" + listingId + "/trail", TestTokens.REGULATOR);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            trail.set(json(response));
            assertInOrder(trail.get(), types);
        });
        return trail.get();
    }

    /** {@code types} appear in the trail in this order, among whatever else it holds. */
    private static void assertInOrder(JsonNode trail, String... types) {
        List<String> seen = new ArrayList<>();
        trail.get("entries").forEach(entry -> seen.add(entry.get("type").asText()));
        int next = 0;
        for (String type : seen) {
            if (next < types.length && types[next].equals(type)) {
                next++;
            }
        }
        assertThat(next).as("the trail %s holds %s in this order", seen, List.of(types)).isEqualTo(types.length);
    }

    private static List<JsonNode> all(JsonNode trail, String type) {
        List<JsonNode> entries = new ArrayList<>();
        trail.get("entries").forEach(entry -> {
            if (entry.get("type").asText().equals(type)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private static JsonNode only(JsonNode trail, String type) {
        List<JsonNode> entries = all(trail, type);
        assertThat(entries).as(type).hasSize(1);
        return entries.getFirst();
    }

    private static void assertActor(JsonNode entry, String person, String organisation, String role) {
        assertThat(Map.of("person", entry.at("/actor/person").asText(), "organisation", entry.at("/actor/organisation").asText(),
                "role", entry.at("/actor/role").asText()))
                .as(entry.get("type").asText())
                .isEqualTo(Map.of("person", person, "organisation", organisation, "role", role));
    }

    private static void step(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().uri() + ": " + response.body()).isEqualTo(200);
    }
}

package io.techex.notification.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.techex.notification.Exchange;
import io.techex.notification.NotificationTest;
import io.techex.platform.events.Topics;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static io.techex.notification.Exchange.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each kind of notification from the public events that cause it, built from their contracts' samples and sent on
 * their topics as the other services' relays send them; each test makes listings, negotiations, auctions and contracts
 * of its own and looks at the feed entries about them only.
 */
@NotificationTest
class FeedFromEventsTest {

    static final String HUST = TestTokens.UNIVERSITY;          // lan.nguyen, hust
    static final String MEKONG = TestTokens.FIRM;              // thu.vo, mekong-biotech
    static final String KYOTO = TestTokens.FOREIGN_FIRM;       // kenji.sato, kyoto-materials
    static final String REGULATOR = TestTokens.REGULATOR;      // minh.tran, dost-hanoi
    static final String OPERATOR = TestTokens.OPERATOR;        // an.do, techex

    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    Topics topics;
    @Autowired
    TestEnvironment env;
    @LocalServerPort
    int port;

    Exchange exchange;

    @BeforeEach
    void exchange() {
        exchange = new Exchange(kafka, topics, port);
    }

    @Test
    void theSellerHearsTheOperatorsVerdictOnOwnershipInItsLanguageWithALinkToTheListing() {
        String verified = exchange.draftedListing("Màng lọc nano", "Nano-filtration membrane");
        String rejected = exchange.draftedListing("Vật liệu hấp phụ", "Adsorbent");
        exchange.publish("listing/OwnershipVerified", verified, sample("listing/OwnershipVerified",
                data -> data.put("listingId", verified)), Instant.now());
        exchange.publish("listing/OwnershipRejected", rejected, sample("listing/OwnershipRejected",
                data -> data.put("listingId", rejected).put("reason", "Văn bằng ghi chủ sở hữu khác")), Instant.now());

        JsonNode ok = awaitOne(HUST, verified, "LISTING_VERIFIED");
        assertThat(ok.path("link").asText()).isEqualTo("/technologies/" + verified);
        assertThat(ok.path("subject").asText()).isEqualTo("Đã xác minh quyền sở hữu: «Màng lọc nano»");
        JsonNode no = awaitOne(HUST, rejected, "LISTING_REJECTED");
        assertThat(no.path("text").asText()).endsWith(": Văn bằng ghi chủ sở hữu khác");
        assertThat(no.path("params").path("reason").asText()).isEqualTo("Văn bằng ghi chủ sở hữu khác");
        // every person of hust sees it; nobody else does
        assertThat(about(exchange.feed("hoa.pham"), verified)).hasSize(1);
        for (String other : List.of(MEKONG, KYOTO, OPERATOR, REGULATOR)) {
            assertThat(about(exchange.feed(other), verified)).as(other).isEmpty();
        }
    }

    @Test
    void theOrganisationThatLedAnAuctionHearsWhenAnotherOutbidsItAndNobodyHearsOfOutbiddingThemselves() {
        String listing = exchange.draftedListing("Cảm biến sinh học", "Biosensor");
        String auction = UUID.randomUUID().toString();
        bid(listing, auction, "kyoto-materials", "500000000");
        bid(listing, auction, "kyoto-materials", "510000000");   // raising its own lead
        bid(listing, auction, "mekong-biotech", "1550000000.5");  // takes the lead
        bid(listing, auction, "kyoto-materials", "1600000000");   // takes it back

        JsonNode kyoto = awaitOne(KYOTO, listing, "OUTBID");
        assertThat(kyoto.path("link").asText()).isEqualTo("/auctions/" + auction);
        // kenji.sato reads English: every digit of the amount, grouped as English does
        assertThat(kyoto.path("text").asText())
                .isEqualTo("Another organisation bid 1,550,000,000.5 VND for \"Biosensor\" and now leads the auction."
                        + " Open the auction to bid again.");
        JsonNode mekong = awaitOne(MEKONG, listing, "OUTBID");
        assertThat(mekong.path("text").asText()).startsWith("Một tổ chức khác vừa trả 1.600.000.000 VND cho «Cảm biến sinh học»");
        await().during(Duration.ofMillis(500)).until(() -> about(exchange.feed(KYOTO), listing).size() == 1);
    }

    @Test
    void theSellerHearsOfAnOfferAndTheBuyerOfTheSellersCounterOffer() {
        String listing = exchange.draftedListing("Quy trình lên men", "Fermentation process");
        String negotiation = UUID.randomUUID().toString();
        Instant now = Instant.now();
        exchange.publish("bidding/OfferMade", listing, sample("bidding/OfferMade", data -> data.put("listingId", listing)
                .put("negotiationId", negotiation).put("validUntil", now.plus(Duration.ofDays(5)).toString())), now);
        exchange.publish("bidding/OfferCountered", listing, sample("bidding/OfferCountered", data -> data
                .put("listingId", listing).put("negotiationId", negotiation).put("by", "SELLER")
                .put("validUntil", now.plus(Duration.ofDays(6)).toString())), now.plusSeconds(1));

        JsonNode received = awaitOne(HUST, listing, "OFFER_RECEIVED");
        assertThat(received.path("link").asText()).isEqualTo("/negotiations/" + negotiation);
        JsonNode countered = awaitOne(MEKONG, listing, "OFFER_COUNTERED");
        assertThat(countered.path("params").path("round").asInt()).isEqualTo(2);
        assertThat(countered.path("subject").asText()).isEqualTo("«Quy trình lên men»: bên kia đưa ra đề nghị mới");
        assertThat(about(exchange.feed(HUST), listing)).extracting(n -> n.path("kind").asText()).containsExactly("OFFER_RECEIVED");
    }

    @Test
    void eachVersionOfAContractWaitsForTheSignatureOfEachPartyThatHasNotSignedIt() {
        String listing = exchange.draftedListing("Giống lúa chịu mặn", "Salt-tolerant rice");
        String contract = UUID.randomUUID().toString();
        Instant now = Instant.now();
        exchange.publish("contract/ContractCreated", listing, sample("contract/ContractCreated",
                data -> data.put("listingId", listing).put("contractId", contract)), now);
        exchange.publish("contract/ContractSigned", listing, sample("contract/ContractSigned", data -> data
                .put("listingId", listing).put("contractId", contract).put("organisationId", "hust")), now.plusSeconds(1));
        awaitKinds(MEKONG, listing, 2);
        assertThat(about(exchange.feed(HUST), listing)).hasSize(1);

        // the amendment voids hust's signature: both sign version 2; mekong signing first leaves hust alone to sign
        exchange.publish("contract/ContractAmended", listing, sample("contract/ContractAmended", data -> data
                .put("listingId", listing).put("contractId", contract)), now.plusSeconds(2));
        exchange.publish("contract/ContractSigned", listing, sample("contract/ContractSigned", data -> data.put("listingId", listing)
                .put("contractId", contract).put("organisationId", "mekong-biotech").put("version", 2)), now.plusSeconds(3));
        exchange.publish("contract/ContractSigned", listing, sample("contract/ContractSigned", data -> data.put("listingId", listing)
                .put("contractId", contract).put("organisationId", "hust").put("version", 2)), now.plusSeconds(4));

        List<JsonNode> hust = awaitKinds(HUST, listing, 3);
        assertThat(hust).extracting(n -> n.path("params").path("version").asInt()).containsExactly(2, 2, 1);
        assertThat(hust.getFirst().path("link").asText()).isEqualTo("/contracts/" + contract);
        await().during(Duration.ofMillis(700)).until(() -> about(exchange.feed(MEKONG), listing).size() == 3);
        assertThat(about(exchange.feed(MEKONG), listing)).extracting(n -> n.path("params").path("version").asInt())
                .containsExactly(2, 1, 1);
    }

    @Test
    void regulatorsHearOfADecisionRequestedAndOfOneOverdue() {
        String listing = exchange.draftedListing("Công nghệ lưỡng dụng", "Dual-use technology");
        String contract = UUID.randomUUID().toString();
        Instant dueBy = Instant.now().plus(Duration.ofDays(30));
        exchange.publish("contract/RegulatoryDecisionRequested", listing, decisionRequested(contract, listing, dueBy), Instant.now());
        exchange.publish("contract/RegulatoryDecisionOverdue", listing, sample("contract/RegulatoryDecisionOverdue", data -> data
                .put("listingId", listing).put("contractId", contract).put("decision", "PERMIT")), Instant.now());

        JsonNode requested = awaitOne(REGULATOR, listing, "REGULATORY_DECISION_REQUESTED");
        assertThat(requested.path("subject").asText()).isEqualTo("Hợp đồng «Công nghệ lưỡng dụng» chờ quyết định: giấy phép chuyển giao");
        assertThat(requested.path("link").asText()).isEqualTo("/contracts/" + contract);
        awaitOne(REGULATOR, listing, "REGULATORY_DECISION_OVERDUE");
        assertThat(about(exchange.feed(HUST), listing)).isEmpty();
    }

    @Test
    void aMatchTellsTheNeedsOwnerAndTheListingsSellerEachWithALinkToTheOtherSide() {
        String listing = exchange.draftedListing("Pin natri", "Sodium battery");
        String need = UUID.randomUUID().toString();
        exchange.publish("listing/MatchFound", listing, matchFound(need, listing, "mekong-biotech", "hust"), Instant.now());

        JsonNode buyer = awaitOne(MEKONG, listing, "NEW_MATCH");
        assertThat(buyer.path("link").asText()).isEqualTo("/technologies/" + listing);
        assertThat(buyer.path("text").asText()).isEqualTo("Công nghệ «Pin natri» phù hợp 87% với nhu cầu công nghệ của bạn.");
        JsonNode seller = awaitOne(HUST, listing, "NEW_MATCH");
        assertThat(seller.path("link").asText()).isEqualTo("/needs/" + need);
        assertThat(seller.path("params").path("side").asText()).isEqualTo("LISTING");
    }

    @Test
    void anEventDeliveredTwiceMakesOneNotificationAndOneThatCannotBeReadGoesToTheDeadLetterTopic() {
        String listing = exchange.draftedListing("Chế phẩm vi sinh", "Microbial product");
        CloudEvent verified = Exchange.event("listing/OwnershipVerified", listing,
                sample("listing/OwnershipVerified", data -> data.put("listingId", listing)), Instant.now());
        exchange.send(verified);
        exchange.send(verified);
        CloudEvent unreadable = Exchange.event("listing/MatchFound", listing,
                matchFound(UUID.randomUUID().toString(), listing, "mekong-biotech", "hust").without("needOwnerOrganisationId"),
                Instant.now());
        exchange.send(unreadable);
        // after both, on the same partition: once it is in, the two before it were handled
        String later = UUID.randomUUID().toString();
        exchange.publish("listing/MatchFound", listing, matchFound(later, listing, "kyoto-materials", "hust"), Instant.now());

        awaitOne(KYOTO, listing, "NEW_MATCH");
        assertThat(about(exchange.feed(HUST), listing)).extracting(n -> n.path("kind").asText())
                .containsExactlyInAnyOrder("LISTING_VERIFIED", "NEW_MATCH");
        try (KafkaRecords dlt = KafkaRecords.read(env.kafkaBootstrapServers(), topics.deadLetters())) {
            var dead = dlt.awaitRecord(record -> record.valueAsString() != null && record.valueAsString().contains(unreadable.getId()));
            assertThat(dead.header("kafka_dlt-exception-message")).hasValueSatisfying(
                    reason -> assertThat(reason).contains("breaks io.techex.listing.MatchFound.v1", "needOwnerOrganisationId"));
        }
        assertThat(topics.deadLetters()).endsWith("techex.notification.dlt");
    }

    // ---- events

    private void bid(String listing, String auction, String bidder, String amount) {
        exchange.publish("bidding/BidPlaced", listing, sample("bidding/BidPlaced", data -> data.put("listingId", listing)
                .put("auctionId", auction).put("bidId", UUID.randomUUID().toString()).put("bidderOrganisationId", bidder)
                .put("amount", amount)), Instant.now());
    }

    /** The proposed {@code io.techex.contract.RegulatoryDecisionRequested.v1} (not published by contract-service yet). */
    static JsonNode decisionRequested(String contract, String listing, Instant dueBy) {
        return sample("contract/RegulatoryDecisionOverdue", data -> data.put("contractId", contract).put("listingId", listing)
                .put("decision", "PERMIT").put("dueBy", dueBy.toString()));
    }

    /** The {@code io.techex.listing.MatchFound.v1} this service expects from listing-service (not in the contracts yet). */
    /** listing-service's MatchFound as its contract has it (the consumer refuses what breaks the schema). */
    static com.fasterxml.jackson.databind.node.ObjectNode matchFound(String need, String listing, String needOwner, String seller) {
        return sample("listing/MatchFound", data -> data.put("needId", need).put("needOwnerOrganisationId", needOwner)
                .put("listingId", listing).put("sellerOrganisationId", seller).put("score", 0.87));
    }

    // ---- feeds

    static List<JsonNode> about(JsonNode feed, String listingId) {
        return StreamSupport.stream(feed.spliterator(), false)
                .filter(n -> listingId.equals(n.path("params").path("listingId").asText())).toList();
    }

    private JsonNode awaitOne(String person, String listingId, String kind) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> about(exchange.feed(person), listingId).stream()
                .filter(n -> kind.equals(n.path("kind").asText())).toList(), found -> found.size() == 1).getFirst();
    }

    private List<JsonNode> awaitKinds(String person, String listingId, int count) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> about(exchange.feed(person), listingId),
                found -> found.size() >= count);
    }
}

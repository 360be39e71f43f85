package io.techex.bidding.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.actor.Actor;
import io.techex.platform.events.Topics;
import io.techex.platform.redis.RedisKeys;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.platform.web.Problems;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.MovableClock;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service against real PostgreSQL, Kafka and Redis: a listing published on listing-service's topic becomes
 * biddable; a negotiation and an English auction over HTTP end in DealAgreed on bidding's topic. The auction takes
 * many concurrent bids, and the service's clock is moved past the end so the persisted deadline closes it.
 */
@IntegrationTest
@TestPropertySource(properties = "techex.rate-limit.writes=100000")
class BiddingFlowTest {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, CloudEvent> cloudEvents;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestEnvironment env;
    @Autowired
    MovableClock clock;
    @Autowired
    UnifiedJedis redis;
    @Autowired
    RedisKeys keys;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFullNegotiationEndsInDealAgreedOnTheBiddingTopic() throws Exception {
        String listingId = publish("NEGOTIATION", "EXCLUSIVE_LICENCE");
        String terms = """
                {"dealType": "EXCLUSIVE_LICENCE", "fieldOfUse": "textile wastewater", "territory": "VN", "termMonths": 60,
                 "price": {"currency": "VND", "lumpSum": "800000000", "runningRoyaltyPercent": "3.5"}}""";
        String until = clock.instant().plus(Duration.ofDays(3)).toString();
        var opened = send("POST", "/negotiations", TestTokens.FIRM, """
                {"listingId": "%s", "terms": %s, "validUntil": "%s"}""".formatted(listingId, terms, until));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String negotiationId = json(opened).get("negotiationId").asText();

        // the firm may not answer its own offer; another firm does not see the negotiation at all
        assertThat(send("POST", "/negotiations/" + negotiationId + "/acceptance", TestTokens.FIRM, null).statusCode()).isEqualTo(409);
        assertThat(send("POST", "/negotiations/" + negotiationId + "/acceptance", TestTokens.FOREIGN_FIRM, null).statusCode()).isEqualTo(404);

        var countered = send("POST", "/negotiations/" + negotiationId + "/counter-offers", TestTokens.UNIVERSITY, """
                {"terms": %s, "validUntil": "%s"}""".formatted(terms.replace("800000000", "950000000"), until));
        assertThat(countered.statusCode()).as(countered.body()).isEqualTo(200);
        var accepted = send("POST", "/negotiations/" + negotiationId + "/acceptance", TestTokens.FIRM, null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);

        JsonNode deal = dealAgreedOn(listingId);
        assertThat(deal.get("buyerOrganisationId").asText()).isEqualTo("mekong-biotech");
        assertThat(deal.get("sellerOrganisationId").asText()).isEqualTo("hust");
        // the market learnt that a negotiation exists, not who negotiated nor for what; the trail got the offers
        JsonNode announced = published(listingId, "io.techex.bidding.NegotiationOpened.v1");
        assertThat(announced.get("negotiationId").asText()).isEqualTo(negotiationId);
        assertThat(announced.toString()).doesNotContain("mekong-biotech", "800000000");
        assertThat(published(listingId, "io.techex.bidding.OfferMade.v1").at("/terms/price/lumpSum").asText()).isEqualTo("800000000");
        assertThat(published(listingId, "io.techex.bidding.OfferCountered.v1").at("/terms/price/lumpSum").asText()).isEqualTo("950000000");
        assertThat(deal.at("/terms/price/lumpSum").asText()).isEqualTo("950000000");
        assertThat(deal.at("/source/kind").asText()).isEqualTo("NEGOTIATION");

        await().atMost(Duration.ofSeconds(10)).until(() ->
                json(send("GET", "/negotiations/" + negotiationId, TestTokens.UNIVERSITY, null)).path("status").asText().equals("AGREED"));
        assertThat(send("GET", "/negotiations/" + negotiationId, TestTokens.FOREIGN_FIRM, null).statusCode()).isEqualTo(404);
    }

    @Test
    void manyConcurrentBidsAreRecordedInOrderAndTheDeadlineClosesTheAuctionForTheHighest() throws Exception {
        String listingId = publish("AUCTION", "ASSIGNMENT");
        Instant now = clock.instant();
        var scheduled = send("POST", "/auctions", TestTokens.UNIVERSITY, """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "1000000", "reservePrice": "1500000",
                 "minimumIncrement": "10000", "startsAt": "%s", "endsAt": "%s", "softCloseMinutes": 2}"""
                .formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofHours(1))));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        String auctionId = json(scheduled).get("auctionId").asText();
        JsonNode announced = published(listingId, "io.techex.bidding.AuctionScheduled.v1");
        assertThat(announced.get("auctionId").asText()).isEqualTo(auctionId);
        assertThat(announced.toString()).as("the reserve is the seller's").doesNotContain("reserve", "1500000");
        assertThat(send("POST", "/auctions/" + auctionId + "/bids", TestTokens.UNIVERSITY, "{\"amount\": \"2000000\"}").statusCode())
                .isEqualTo(403);

        int bidders = 150;
        List<BigDecimal> amounts = new ArrayList<>();
        for (int i = 0; i < bidders; i++) {
            amounts.add(new BigDecimal(1_000_000 + i * 10_000L));
        }
        Collections.shuffle(amounts);
        Map<String, BigDecimal> acceptedBids = new ConcurrentHashMap<>();
        List<HttpResponse<String>> refused = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(64)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < bidders; i++) {
                BigDecimal amount = amounts.get(i);
                String firm = i % 2 == 0 ? TestTokens.FIRM : TestTokens.FOREIGN_FIRM;
                futures.add(pool.submit(() -> {
                    go.await();
                    var response = send("POST", "/auctions/" + auctionId + "/bids", firm,
                            "{\"amount\": \"" + amount + "\", \"currency\": \"VND\"}");
                    if (response.statusCode() == 201) {
                        acceptedBids.put(json(response).get("bidId").asText(), amount);
                    } else {
                        refused.add(response);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }

        // every refusal is a clean 409 naming the amount to beat
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
            assertThat(json(response).at("/minimumBid/amount").asText()).isNotEmpty();
        }
        // every accepted bid is in the event store, in strictly increasing order, numbered without gaps
        List<JsonNode> placed = jdbc.query("""
                SELECT convert_from(payload, 'UTF8') AS payload FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%BidPlaced' ORDER BY sequence_number""",
                (rs, row) -> rs.getString("payload"), auctionId).stream().map(BiddingFlowTest::tree).toList();
        assertThat(placed).hasSize(acceptedBids.size());
        for (int i = 0; i < placed.size(); i++) {
            JsonNode bid = placed.get(i);
            assertThat(bid.get("bidNumber").asInt()).isEqualTo(i + 1);
            assertThat(acceptedBids).containsEntry(bid.get("bidId").asText(), amount(bid));
            if (i > 0) {
                assertThat(amount(bid)).isGreaterThanOrEqualTo(amount(placed.get(i - 1)).add(new BigDecimal("10000")));
            }
        }
        JsonNode highest = placed.getLast();
        assertThat(amount(highest)).isEqualByComparingTo(new BigDecimal(1_000_000 + (bidders - 1) * 10_000L));

        // a retried bid with the same Idempotency-Key counts once
        BigDecimal next = amount(highest).add(new BigDecimal("10000"));
        String key = "bid-" + UUID.randomUUID();
        var first = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"" + next + "\"}", key);
        var retry = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"" + next + "\"}", key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(bidEvents(auctionId)).isEqualTo(placed.size() + 1);

        // the deadline is persisted; once the service's clock passes the end, the scheduler closes the auction
        clock.advance(Duration.ofHours(2));
        JsonNode deal = dealAgreedOn(listingId);
        assertThat(deal.get("buyerOrganisationId").asText()).isEqualTo("mekong-biotech");
        assertThat(deal.at("/terms/price/lumpSum").asText()).isEqualTo(next.toPlainString());
        assertThat(deal.at("/source/kind").asText()).isEqualTo("ENGLISH_AUCTION");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                json(send("GET", "/auctions/" + auctionId, TestTokens.REGULATOR, null)).path("status").asText().equals("WON"));
    }

    /**
     * The fairness test with proxies: two firms bid at once, plain bids and maxima mixed, in whatever order the service
     * takes them. Each request, in the order the auction took it, must end where the rules say ({@link RulesModel}):
     * same leader, same price, and the bidder told whether it leads. Bids are numbered without gaps, none passes its
     * bidder's ceiling, the exchange never bids for a firm against itself, and the close sells at the model's price.
     */
    @Test
    void concurrentBidsAndMaximaOfTwoFirmsEndWhereBiddingOneIncrementAtATimeWould() throws Exception {
        String listingId = publish("AUCTION", "ASSIGNMENT");
        Instant now = clock.instant();
        var scheduled = send("POST", "/auctions", TestTokens.UNIVERSITY, """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "1000000", "reservePrice": "1500000",
                 "minimumIncrement": "10000", "startsAt": "%s", "endsAt": "%s", "softCloseMinutes": 2}"""
                .formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofHours(1))));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        String auctionId = json(scheduled).get("auctionId").asText();

        List<String[]> requests = new ArrayList<>(); // person, body
        for (long amount = 1_010_000; amount < 2_000_000; amount += 20_000) {
            requests.add(new String[]{TestTokens.FOREIGN_FIRM, "{\"amount\": \"" + amount + "\"}"});
        }
        for (long amount = 1_020_000; amount < 1_700_000; amount += 40_000) {
            requests.add(new String[]{TestTokens.FIRM, "{\"amount\": \"" + amount + "\"}"});
        }
        for (String maximum : List.of("1400000", "1655000", "1800000", "1990000")) {
            requests.add(new String[]{TestTokens.FIRM, "{\"maximum\": \"" + maximum + "\"}"});
        }
        for (String maximum : List.of("1300000", "1655000", "1875000")) {
            requests.add(new String[]{TestTokens.FOREIGN_FIRM, "{\"maximum\": \"" + maximum + "\"}"});
        }
        requests.add(new String[]{TestTokens.FOREIGN_FIRM, "{\"amount\": \"1200000\", \"maximum\": \"1500000\"}"});
        Collections.shuffle(requests);
        Map<String, Boolean> youLead = new ConcurrentHashMap<>();
        List<HttpResponse<String>> refused = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<?>> futures = new ArrayList<>();
            for (String[] request : requests) {
                futures.add(pool.submit(() -> {
                    go.await();
                    var response = send("POST", "/auctions/" + auctionId + "/bids", request[0], request[1]);
                    if (response.statusCode() == 201) {
                        youLead.put(json(response).get("bidId").asText(), json(response).get("youLead").asBoolean());
                    } else {
                        refused.add(response);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        }
        // a refusal is a clean 409 naming the field at fault: too low (the price had moved on), or a leader's maximum
        // below the price it already leads at
        for (HttpResponse<String> response : refused) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
            assertThat(json(response).path("type").asText()).as(response.body())
                    .isIn(Problems.TYPE_BASE + "bid-too-low", Problems.TYPE_BASE + "maximum-below-price");
            assertThat(json(response).at("/errors/0/field").asText()).isIn("amount", "maximum");
        }

        // replay the store's events request by request through the step-by-step model
        record Stored(String type, JsonNode payload) {
        }
        List<Stored> events = jdbc.query("""
                SELECT payload_type, convert_from(payload, 'UTF8') AS payload FROM domain_event_entry
                WHERE aggregate_identifier = ? AND (payload_type LIKE '%BidPlaced' OR payload_type LIKE '%BidMaximumSet')
                ORDER BY sequence_number""", (rs, row) -> new Stored(
                rs.getString("payload_type").substring(rs.getString("payload_type").lastIndexOf('.') + 1),
                tree(rs.getString("payload"))), auctionId);
        RulesModel model = new RulesModel(new BigDecimal("1000000"), new BigDecimal("10000"));
        int number = 0;
        int requestsTaken = 0;
        JsonNode lastBid = null;
        for (int i = 0; i < events.size(); ) {
            Stored first = events.get(i);
            String bidId = first.payload().get("bidId").asText();
            String bidder = first.payload().get("bidderOrganisationId").asText();
            assertThat(first.payload().path("automatic").asBoolean()).as("a request starts with its own bid or maximum").isFalse();
            BigDecimal amount;
            BigDecimal maximum = null;
            if (first.type().equals("BidMaximumSet")) {
                maximum = amount(first.payload(), "maximum");
                amount = first.payload().hasNonNull("amount") ? amount(first.payload(), "amount") : null;
                i++;
            } else {
                amount = amount(first.payload(), "amount");
            }
            model.request(bidder, amount, maximum);
            requestsTaken++;
            // the request's own bid (none when a leader only moved its maximum), then the exchange's answer, if any
            if (i < events.size() && events.get(i).type().equals("BidPlaced") && events.get(i).payload().get("bidId").asText().equals(bidId)) {
                JsonNode own = events.get(i++).payload();
                assertThat(own.get("bidNumber").asInt()).isEqualTo(++number);
                if (maximum != null) {
                    assertThat(amount(own, "amount")).as("a maximum's bid stays within it").isLessThanOrEqualTo(maximum);
                }
                lastBid = own;
                boolean answered = i < events.size() && events.get(i).payload().path("automatic").asBoolean();
                assertThat(own.path("outbidAtOnce").asBoolean()).as("marked outbid exactly when answered").isEqualTo(answered);
                if (answered) {
                    JsonNode answer = events.get(i++).payload();
                    String answering = answer.get("bidderOrganisationId").asText();
                    assertThat(answer.get("bidNumber").asInt()).isEqualTo(++number);
                    assertThat(answering).as("the exchange answers another firm's bid, never its own").isNotEqualTo(bidder);
                    assertThat(amount(answer, "amount")).as("an answer stays within its maximum")
                            .isLessThanOrEqualTo(model.maximumOf(answering)).isGreaterThanOrEqualTo(amount(own, "amount"));
                    lastBid = answer;
                }
            }
            assertThat(lastBid).as("a request's bids are in the store").isNotNull();
            assertThat(lastBid.get("bidderOrganisationId").asText()).as("leader after " + first.payload()).isEqualTo(model.leader());
            assertThat(amount(lastBid, "amount")).as("price after " + first.payload()).isEqualByComparingTo(model.price());
            assertThat(youLead).as("the bidder was told whether it leads").containsEntry(bidId, bidder.equals(model.leader()));
        }
        assertThat(requestsTaken).isEqualTo(youLead.size());
        assertThat(requestsTaken + refused.size()).isEqualTo(requests.size());

        // the close sells at the model's price (or at the reserve, should the leader's maximum reach it from below)
        BigDecimal expected = model.closingPrice(new BigDecimal("1500000"));
        clock.advance(Duration.ofHours(2));
        JsonNode deal = dealAgreedOn(listingId);
        assertThat(deal.get("buyerOrganisationId").asText()).isEqualTo(model.leader());
        assertThat(new BigDecimal(deal.at("/terms/price/lumpSum").asText())).isEqualByComparingTo(expected);
    }

    /**
     * A maximum is its owner's secret: the other firm, the seller, the operator, the regulator, the live board and the
     * public events see only the price it makes. A bid it answers is told at once that it does not lead.
     */
    @Test
    void aMaximumIsShownToItsOwnerOnlyAndABidItAnswersIsToldAtOnce() throws Exception {
        String listingId = publish("AUCTION", "ASSIGNMENT");
        Instant now = clock.instant();
        var scheduled = send("POST", "/auctions", TestTokens.UNIVERSITY, """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "1000000", "reservePrice": "1500000",
                 "minimumIncrement": "10000", "startsAt": "%s", "endsAt": "%s"}"""
                .formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofHours(1))));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        String auctionId = json(scheduled).get("auctionId").asText();
        String bids = "/auctions/" + auctionId + "/bids";

        var proxy = send("POST", bids, TestTokens.FIRM, "{\"maximum\": \"1777000\"}");
        assertThat(proxy.statusCode()).as(proxy.body()).isEqualTo(201);
        assertThat(json(proxy).path("youLead").asBoolean()).isTrue();
        assertThat(new BigDecimal(json(proxy).path("amount").asText())).isEqualByComparingTo("1000000");
        assertThat(new BigDecimal(json(proxy).path("maximum").asText())).isEqualByComparingTo("1777000");
        var outbid = send("POST", bids, TestTokens.FOREIGN_FIRM, "{\"amount\": \"1100000\"}");
        assertThat(outbid.statusCode()).as(outbid.body()).isEqualTo(201);
        assertThat(json(outbid).path("youLead").asBoolean()).as("answered at once by the standing maximum").isFalse();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                json(send("GET", "/auctions/" + auctionId, TestTokens.FIRM, null)).path("bidCount").asInt() == 3);
        JsonNode owners = json(send("GET", "/auctions/" + auctionId, TestTokens.FIRM, null));
        assertThat(owners.path("youLead").asBoolean()).isTrue();
        assertThat(new BigDecimal(owners.path("currentPrice").asText())).isEqualByComparingTo("1110000");
        assertThat(new BigDecimal(owners.path("yourMaximum").asText())).isEqualByComparingTo("1777000");
        for (String other : List.of(TestTokens.FOREIGN_FIRM, TestTokens.UNIVERSITY, TestTokens.OPERATOR, TestTokens.REGULATOR)) {
            var view = send("GET", "/auctions/" + auctionId, other, null);
            assertThat(view.body()).as(other).doesNotContain("1777000");
            assertThat(new BigDecimal(json(view).path("minimumBid").asText())).as("the aggregate's minimum")
                    .isEqualByComparingTo("1120000");
            assertThat(send("GET", "/auctions?listingId=" + listingId, other, null).body()).doesNotContain("1777000");
        }
        assertThat(json(send("GET", "/auctions/" + auctionId, TestTokens.FOREIGN_FIRM, null)).path("youLead").asBoolean()).isFalse();
        try (var board = new BoardWatcher(http, port, auctionId, TestTokens.FOREIGN_FIRM)) {
            JsonNode live = board.awaitBoard(b -> b.path("bidCount").asInt() == 3);
            assertThat(new BigDecimal(live.path("minimumBid").asText())).isEqualByComparingTo("1120000");
            assertThat(board.received().toString()).doesNotContain("1777000");
        }

        // the minimum shown is taken, and answered again
        var atMinimum = send("POST", bids, TestTokens.FOREIGN_FIRM, "{\"amount\": \"1120000\"}");
        assertThat(atMinimum.statusCode()).as(atMinimum.body()).isEqualTo(201);
        assertThat(json(atMinimum).path("youLead").asBoolean()).isFalse();
        // refusals name the field at fault: a maximum below the minimum, a leader's maximum below its price
        var tooLow = send("POST", bids, TestTokens.FOREIGN_FIRM, "{\"maximum\": \"1000000\"}");
        assertThat(tooLow.statusCode()).as(tooLow.body()).isEqualTo(409);
        assertThat(json(tooLow).at("/errors/0/field").asText()).isEqualTo("maximum");
        assertThat(new BigDecimal(json(tooLow).at("/minimumBid/amount").asText())).isEqualByComparingTo("1140000");
        var lowered = send("POST", bids, TestTokens.FIRM, "{\"maximum\": \"1100000\"}");
        assertThat(lowered.statusCode()).as(lowered.body()).isEqualTo(409);
        assertThat(json(lowered).path("type").asText()).isEqualTo(Problems.TYPE_BASE + "maximum-below-price");
        assertThat(json(lowered).at("/errors/0/field").asText()).isEqualTo("maximum");
        // the leader raises its maximum without bidding against itself
        var raised = send("POST", bids, TestTokens.FIRM, "{\"maximum\": \"1900000\"}");
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(201);
        assertThat(json(raised).path("bidNumber").asInt()).as("its standing bid").isEqualTo(5);
        assertThat(bidEvents(auctionId)).isEqualTo(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> new BigDecimal(json(send("GET", "/auctions/" + auctionId,
                TestTokens.FIRM, null)).path("yourMaximum").asText("0")).compareTo(new BigDecimal("1900000")) == 0);

        // the public events carry the price each bid made, the exchange's marked automatic, and no maximum
        try (var reader = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            List<JsonNode> placed = reader.await(records -> records.stream().filter(r -> listingId.equals(r.key())
                            && r.valueAsString().contains("io.techex.bidding.BidPlaced.v1")).count() == 5).stream()
                    .filter(r -> listingId.equals(r.key())).map(r -> tree(r.valueAsString()))
                    .filter(event -> event.path("type").asText().equals("io.techex.bidding.BidPlaced.v1"))
                    .map(event -> event.get("data")).toList();
            assertThat(placed).extracting(bid -> bid.path("automatic").asBoolean()).containsExactly(false, false, true, false, true);
            assertThat(placed).extracting(bid -> bid.path("outbidAtOnce").asBoolean()).containsExactly(false, true, false, true, false);
            assertThat(placed.get(2).path("bidderOrganisationId").asText()).isEqualTo("mekong-biotech");
            assertThat(placed.get(2).path("amount").asText()).isEqualTo("1110000");
            assertThat(placed.toString()).doesNotContain("1777000", "1900000");
        }
    }

    /**
     * The rules as the requirement states them, written again here from the requirement's words rather than the
     * aggregate's code: a bid meets the standing ceiling (the leader's maximum, or its bid); if that ceiling reaches as
     * high it stays ahead (the earlier wins a tie) at one increment above the bidder's ceiling, capped at its own;
     * otherwise the bidder leads at one increment above it, capped at the bidder's own ceiling, and never below what
     * the bidder itself bid. A leader's own request never makes its maximum bid against it.
     */
    static final class RulesModel {
        private final BigDecimal startingPrice;
        private final BigDecimal increment;
        private final Map<String, BigDecimal> maxima = new java.util.HashMap<>();
        private BigDecimal price;
        private String leader;

        RulesModel(BigDecimal startingPrice, BigDecimal increment) {
            this.startingPrice = startingPrice;
            this.increment = increment;
        }

        String leader() {
            return leader;
        }

        BigDecimal price() {
            return price;
        }

        BigDecimal maximumOf(String firm) {
            return maxima.get(firm);
        }

        /** The most the firm's bids may reach: its maximum, or its bid as leader if higher; a plain bidder's bid. */
        BigDecimal ceilingOf(String firm, BigDecimal ownBid) {
            BigDecimal maximum = maxima.get(firm);
            BigDecimal bid = firm.equals(leader) ? price : ownBid;
            return maximum == null ? bid : maximum.max(bid);
        }

        void request(String bidder, BigDecimal amount, BigDecimal maximum) {
            BigDecimal minimum = price == null ? startingPrice : price.add(increment);
            if (maximum != null) {
                maxima.put(bidder, maximum);
            }
            if (bidder.equals(leader)) {
                if (amount != null) {
                    price = amount;
                }
                return;
            }
            BigDecimal bid = amount != null ? amount : minimum;
            BigDecimal ceiling = maximum != null ? maximum : bid;
            if (leader == null) {
                leader = bidder;
                price = bid;
                return;
            }
            BigDecimal standing = ceilingOf(leader, price);
            if (standing.compareTo(ceiling) >= 0) {
                price = ceiling.add(increment).min(standing);
            } else {
                leader = bidder;
                price = bid.max(standing.add(increment).min(ceiling));
            }
        }

        BigDecimal closingPrice(BigDecimal reserve) {
            return price.compareTo(reserve) < 0 && ceilingOf(leader, price).compareTo(reserve) >= 0 ? reserve : price;
        }
    }

    /** What the auction's view and its live board show as the minimum bid is exactly the least the auction accepts. */
    @Test
    void theMinimumBidShownIsTheLowestBidTheAuctionAccepts() throws Exception {
        String listingId = publish("AUCTION", "ASSIGNMENT");
        Instant now = clock.instant();
        var scheduled = send("POST", "/auctions", TestTokens.UNIVERSITY, """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "1000000.50", "minimumIncrement": "25000",
                 "startsAt": "%s", "endsAt": "%s"}""".formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofHours(1))));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        String auctionId = json(scheduled).get("auctionId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/auctions/" + auctionId, TestTokens.FIRM, null).statusCode() == 200);

        try (var board = new BoardWatcher(http, port, auctionId, TestTokens.FOREIGN_FIRM)) {
            for (int bids = 0; bids < 3; bids++) {
                int placed = bids;
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        json(send("GET", "/auctions/" + auctionId, TestTokens.FIRM, null)).path("bidCount").asInt() == placed);
                BigDecimal shown = new BigDecimal(json(send("GET", "/auctions/" + auctionId, TestTokens.FIRM, null))
                        .path("minimumBid").asText());
                JsonNode live = board.awaitBoard(b -> b.path("bidCount").asInt() == placed);
                assertThat(new BigDecimal(live.path("minimumBid").asText())).isEqualByComparingTo(shown);

                var below = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM,
                        "{\"amount\": \"" + shown.subtract(new BigDecimal("0.01")).toPlainString() + "\"}");
                assertThat(below.statusCode()).as(below.body()).isEqualTo(409);
                assertThat(new BigDecimal(json(below).at("/minimumBid/amount").asText())).isEqualByComparingTo(shown);
                var atMinimum = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM,
                        "{\"amount\": \"" + shown.toPlainString() + "\"}");
                assertThat(atMinimum.statusCode()).as(atMinimum.body()).isEqualTo(201);
            }
        }
    }

    @Test
    void theEventsOfAnAuctionClosedByItsDeadlineNameTheExchangeAsTheActor() throws Exception {
        String listingId = publish("AUCTION", "ASSIGNMENT");
        Instant now = clock.instant();
        var scheduled = send("POST", "/auctions", TestTokens.UNIVERSITY, """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "3000000", "minimumIncrement": "10000",
                 "startsAt": "%s", "endsAt": "%s"}""".formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofHours(1))));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        String auctionId = json(scheduled).get("auctionId").asText();
        var bid = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"3000000\"}");
        assertThat(bid.statusCode()).as(bid.body()).isEqualTo(201);

        clock.advance(Duration.ofHours(2));
        try (var reader = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            JsonNode deal = tree(reader.awaitRecord(r -> listingId.equals(r.key())
                    && r.valueAsString().contains("io.techex.bidding.DealAgreed.v1"), Duration.ofSeconds(30)).valueAsString());
            assertThat(actorExtensions(deal)).isEqualTo(List.of("bidding-service", "techex", "SYSTEM"));
            // the bid before it is still its bidder's
            JsonNode placed = tree(reader.awaitRecord(r -> listingId.equals(r.key())
                    && r.valueAsString().contains("io.techex.bidding.BidPlaced.v1")).valueAsString());
            assertThat(actorExtensions(placed)).isEqualTo(List.of("thu.vo", "mekong-biotech", "FIRM"));
        }
        assertThat(actorsInTheStore(auctionId, "AuctionWon", "DealAgreed")).containsOnly(
                Map.entry("AuctionWon", List.of("bidding-service", "techex", "SYSTEM")),
                Map.entry("DealAgreed", List.of("bidding-service", "techex", "SYSTEM")));
    }

    /** Each party reads every round's offer, whose turn it is, and who ended the negotiation when. */
    @Test
    void eachPartyReadsEveryRoundOfANegotiationAndWhetherItIsItsTurnToAnswer() throws Exception {
        String listingId = publish("NEGOTIATION", "NON_EXCLUSIVE_LICENCE");
        String until = clock.instant().plus(Duration.ofDays(3)).toString();
        String terms = """
                {"dealType": "NON_EXCLUSIVE_LICENCE", "territory": "VN", "termMonths": 36,
                 "price": {"currency": "VND", "lumpSum": "400000000", "runningRoyaltyPercent": "2"}}""";
        var opened = send("POST", "/negotiations", TestTokens.FIRM, """
                {"listingId": "%s", "terms": %s, "validUntil": "%s"}""".formatted(listingId, terms, until));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String negotiationId = json(opened).get("negotiationId").asText();
        String path = "/negotiations/" + negotiationId;

        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", path, TestTokens.UNIVERSITY, null).statusCode() == 200);
        JsonNode sellers = json(send("GET", path, TestTokens.UNIVERSITY, null));
        assertThat(sellers.path("yourSide").asText()).isEqualTo("SELLER");
        assertThat(sellers.path("yourTurn").asBoolean()).isTrue();
        assertThat(sellers.path("rounds")).hasSize(1);
        assertThat(sellers.at("/rounds/0/by").asText()).isEqualTo("BUYER");
        assertThat(sellers.at("/rounds/0/madeAt").asText()).isNotEmpty();
        JsonNode buyers = json(send("GET", path, TestTokens.FIRM, null));
        assertThat(buyers.path("yourSide").asText()).isEqualTo("BUYER");
        assertThat(buyers.path("yourTurn").asBoolean()).as("its own offer is on the table").isFalse();

        var countered = send("POST", path + "/counter-offers", TestTokens.UNIVERSITY, """
                {"terms": %s, "validUntil": "%s"}""".formatted(terms.replace("400000000", "450000000"), until));
        assertThat(countered.statusCode()).as(countered.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> json(send("GET", path, TestTokens.FIRM, null)).path("rounds").size() == 2);
        buyers = json(send("GET", path, TestTokens.FIRM, null));
        assertThat(buyers.path("yourTurn").asBoolean()).isTrue();
        assertThat(buyers.at("/rounds/0/terms/price/lumpSum").asText()).isEqualTo("400000000");
        assertThat(buyers.at("/rounds/1/terms/price/lumpSum").asText()).isEqualTo("450000000");
        assertThat(buyers.at("/rounds/1/by").asText()).isEqualTo("SELLER");
        assertThat(json(send("GET", path, TestTokens.UNIVERSITY, null)).path("yourTurn").asBoolean()).isFalse();
        JsonNode listed = findById(json(send("GET", "/negotiations", TestTokens.FIRM, null)), "negotiationId", negotiationId);
        assertThat(listed.path("yourTurn").asBoolean()).isTrue();
        assertThat(listed.has("rounds")).as("a list leaves the rounds out").isFalse();

        var rejected = send("POST", path + "/rejection", TestTokens.FIRM, "{\"reason\": \"over our budget\"}");
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> json(send("GET", path, TestTokens.UNIVERSITY, null)).path("status").asText()
                .equals("REJECTED"));
        JsonNode ended = json(send("GET", path, TestTokens.UNIVERSITY, null));
        assertThat(ended.path("endedBy").asText()).isEqualTo("BUYER");
        assertThat(ended.path("endedAt").asText()).isNotEmpty();
        assertThat(ended.path("closedReason").asText()).isEqualTo("over our budget");
        assertThat(ended.path("yourTurn").asBoolean()).isFalse();
    }

    /**
     * A bidder reads its own latest bid and whether it leads, never another bidder's identity; each finds the auction
     * among its own, and anyone among the listing's.
     */
    @Test
    void aBidderReadsItsOwnLatestBidAndWhetherItLeadsAndFindsTheAuctionAmongItsOwn() throws Exception {
        String listingId = publish("AUCTION", "EXCLUSIVE_LICENCE");
        Instant now = clock.instant();
        var scheduled = send("POST", "/auctions", TestTokens.UNIVERSITY, """
                {"listingId": "%s", "dealType": "EXCLUSIVE_LICENCE", "fieldOfUse": "textile dyeing", "territory": "VN",
                 "termMonths": 36, "startingPrice": "1000000", "reservePrice": "5000000", "minimumIncrement": "100000",
                 "startsAt": "%s", "endsAt": "%s", "softCloseMinutes": 3}"""
                .formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofHours(1))));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        String auctionId = json(scheduled).get("auctionId").asText();
        String path = "/auctions/" + auctionId;
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", path, TestTokens.REGULATOR, null).statusCode() == 200);
        JsonNode watched = json(send("GET", path, TestTokens.REGULATOR, null));
        assertThat(watched.path("dealType").asText()).isEqualTo("EXCLUSIVE_LICENCE");
        assertThat(watched.path("fieldOfUse").asText()).isEqualTo("textile dyeing");
        assertThat(watched.path("territory").asText()).isEqualTo("VN");
        assertThat(watched.path("termMonths").asInt()).isEqualTo(36);
        assertThat(watched.path("minimumIncrement").asText()).isEqualTo("100000");
        assertThat(watched.path("softCloseMinutes").asInt()).isEqualTo(3);
        assertThat(watched.path("sellerOrganisationId").asText()).isEqualTo("hust");
        assertThat(watched.path("yourBid").isNull()).isTrue();
        assertThat(watched.path("reservePrice").isNull()).isTrue();

        assertThat(send("POST", path + "/bids", TestTokens.FIRM, "{\"amount\": \"1000000\"}").statusCode()).isEqualTo(201);
        assertThat(send("POST", path + "/bids", TestTokens.FOREIGN_FIRM, "{\"amount\": \"1100000\"}").statusCode()).isEqualTo(201);
        assertThat(send("POST", path + "/bids", TestTokens.FIRM, "{\"amount\": \"1300000\"}").statusCode()).isEqualTo(201);
        assertThat(send("POST", path + "/bids", TestTokens.FOREIGN_FIRM, "{\"amount\": \"1400000\"}").statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> json(send("GET", path, TestTokens.FIRM, null)).path("bidCount").asInt() == 4);

        JsonNode outbid = json(send("GET", path, TestTokens.FIRM, null));
        assertThat(outbid.path("youLead").asBoolean()).isFalse();
        assertThat(outbid.at("/yourBid/amount").asText()).isEqualTo("1300000");
        assertThat(outbid.at("/yourBid/bidNumber").asInt()).isEqualTo(3);
        assertThat(outbid.at("/yourBid/bids").asInt()).isEqualTo(2);
        assertThat(outbid.at("/yourBid/placedAt").asText()).isNotEmpty();
        var leadersAnswer = send("GET", path, TestTokens.FOREIGN_FIRM, null);
        JsonNode leading = json(leadersAnswer);
        assertThat(leading.path("youLead").asBoolean()).isTrue();
        assertThat(leading.at("/yourBid/amount").asText()).isEqualTo("1400000");
        assertThat(leadersAnswer.body()).as("no bidder learns who else bids").doesNotContain("mekong-biotech");

        assertThat(ids(json(send("GET", "/auctions", TestTokens.FIRM, null)), "auctionId")).contains(auctionId);
        assertThat(ids(json(send("GET", "/auctions", TestTokens.UNIVERSITY, null)), "auctionId")).contains(auctionId);
        assertThat(ids(json(send("GET", "/auctions", TestTokens.UNIVERSITY_2, null)), "auctionId"))
                .as("another seller that never bid").doesNotContain(auctionId);
        JsonNode onListing = json(send("GET", "/auctions?listingId=" + listingId, TestTokens.UNIVERSITY_2, null));
        assertThat(ids(onListing, "auctionId")).containsExactly(auctionId);
        assertThat(onListing.get(0).path("reservePrice").isNull()).isTrue();
        assertThat(findById(json(send("GET", "/auctions?listingId=" + listingId, TestTokens.UNIVERSITY, null)), "auctionId",
                auctionId).path("reservePrice").asText()).isEqualTo("5000000");
        var notAnId = send("GET", "/auctions?listingId=not-a-listing", TestTokens.FIRM, null);
        assertThat(notAnId.statusCode()).isEqualTo(400);
        assertThat(notAnId.body()).contains("listingId");
    }

    @Test
    void anOfferLeftUnansweredPastItsDeadlineIsEndedByTheExchange() throws Exception {
        String listingId = publish("NEGOTIATION", "NON_EXCLUSIVE_LICENCE");
        var opened = send("POST", "/negotiations", TestTokens.FIRM, """
                {"listingId": "%s", "validUntil": "%s", "terms": {"dealType": "NON_EXCLUSIVE_LICENCE", "termMonths": 12,
                 "price": {"currency": "VND", "lumpSum": "70000000"}}}""".formatted(listingId, clock.instant().plus(Duration.ofDays(1))));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String negotiationId = json(opened).get("negotiationId").asText();

        clock.advance(Duration.ofDays(2));
        try (var reader = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            JsonNode ended = tree(reader.awaitRecord(r -> listingId.equals(r.key())
                    && r.valueAsString().contains("io.techex.bidding.NegotiationEnded.v1"), Duration.ofSeconds(30)).valueAsString());
            assertThat(ended.at("/data/outcome").asText()).isEqualTo("EXPIRED");
            assertThat(actorExtensions(ended)).isEqualTo(List.of("bidding-service", "techex", "SYSTEM"));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> json(send("GET", "/negotiations/" + negotiationId, TestTokens.FIRM, null))
                .path("status").asText().equals("EXPIRED"));
        JsonNode expired = json(send("GET", "/negotiations/" + negotiationId, TestTokens.FIRM, null));
        assertThat(Instant.parse(expired.path("endedAt").asText())).as("an expired offer ends at its deadline")
                .isEqualTo(Instant.parse(expired.path("validUntil").asText()));
        assertThat(expired.path("endedBy").isNull()).as("time ended it, not a party").isTrue();
        assertThat(actorsInTheStore(negotiationId, "OfferExpired", "NegotiationEnded")).containsOnly(
                Map.entry("OfferExpired", List.of("bidding-service", "techex", "SYSTEM")),
                Map.entry("NegotiationEnded", List.of("bidding-service", "techex", "SYSTEM")));
    }

    @Test
    void theLiveBoardFollowsTheBidsOverSseAcrossTheRedisChannelAndIsRebuiltWhenRedisLosesIt() throws Exception {
        String listingId = publish("AUCTION", "NON_EXCLUSIVE_LICENCE");
        Instant now = clock.instant();
        var scheduled = send("POST", "/auctions", TestTokens.UNIVERSITY, """
                {"listingId": "%s", "dealType": "NON_EXCLUSIVE_LICENCE", "termMonths": 12, "startingPrice": "1000000",
                 "reservePrice": "9000000", "minimumIncrement": "50000", "startsAt": "%s", "endsAt": "%s"}"""
                .formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofHours(1))));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        String auctionId = json(scheduled).get("auctionId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/auctions/" + auctionId, TestTokens.REGULATOR, null).statusCode() == 200);

        try (var watcher = new BoardWatcher(http, port, auctionId, TestTokens.REGULATOR)) {
            JsonNode first = watcher.first();
            assertThat(watcher.contentType()).startsWith("text/event-stream");
            assertThat(first.path("phase").asText()).isEqualTo("OPEN");
            assertThat(first.path("bidCount").asInt()).isZero();
            assertThat(first.path("secondsLeft").asLong()).isBetween(3000L, 3600L);

            // every update reaches watchers through the Redis channel, as it would on another instance
            assertThat(send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"1000000\"}").statusCode()).isEqualTo(201);
            assertThat(send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FOREIGN_FIRM, "{\"amount\": \"1100000\"}").statusCode()).isEqualTo(201);
            watcher.awaitBoard(board -> board.path("bidCount").asInt() == 2 && board.path("currentPrice").asText().equals("1100000"));
            assertThat(watcher.received().toString()).as("no reserve, no bidder on a board").doesNotContain("9000000", "mekong", "kyoto");
            assertThat(redis.get(keys.key("bidding", "board", auctionId))).contains("\"bidCount\":2");

            // Redis loses everything of this service (a FLUSHALL, without touching other test runs sharing the server)
            forgetEveryRedisKeyOfThisService();
            assertThat(redis.get(keys.key("bidding", "board", auctionId))).isNull();
            try (var late = new BoardWatcher(http, port, auctionId, TestTokens.FIRM)) {
                JsonNode rebuilt = late.first();
                assertThat(rebuilt.path("bidCount").asInt()).isEqualTo(2);
                assertThat(rebuilt.path("currentPrice").asText()).isEqualTo("1100000");
            }
            assertThat(redis.get(keys.key("bidding", "board", auctionId))).as("cached again").contains("\"bidCount\":2");

            assertThat(send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"1200000\"}").statusCode()).isEqualTo(201);
            watcher.awaitBoard(board -> board.path("bidCount").asInt() == 3 && board.path("currentPrice").asText().equals("1200000"));
        }
        assertThat(send("GET", "/auctions/" + UUID.randomUUID() + "/board", TestTokens.FIRM, null).statusCode()).isEqualTo(404);
    }

    private void forgetEveryRedisKeyOfThisService() {
        var scan = new ScanParams().match(keys.prefix() + "*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var page = redis.scan(cursor, scan);
            page.getResult().forEach(redis::del);
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    @Test
    void aSealedBidAuctionHidesEveryAmountUntilTheRevealAndEndsInDealAgreedForTheHighestValidBid() throws Exception {
        String listingId = publish("AUCTION", "ASSIGNMENT");
        Instant now = clock.instant();
        var scheduled = send("POST", "/sealed-bid-auctions", TestTokens.UNIVERSITY, """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "reservePrice": "1500000000", "startsAt": "%s",
                 "bidsDueAt": "%s", "endsAt": "%s"}""".formatted(listingId, now.minusSeconds(1),
                now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2))));
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        String auctionId = json(scheduled).get("auctionId").asText();
        JsonNode announced = published(listingId, "io.techex.bidding.AuctionScheduled.v1");
        assertThat(announced.get("format").asText()).isEqualTo("SEALED_BID");
        assertThat(announced.toString()).doesNotContain("1500000000");

        // each firm hashes its bid on its own machine; the exchange only ever gets the hash before the deadline
        String mekongSecret = "9c0f5e1d2b7a4c3e8f6a1b0d9e2c7f4a";
        String kyotoSecret = "4e8a2c6f0b1d3e5a7c9f2b4d6e8a0c1f";
        var mekong = send("POST", "/sealed-bid-auctions/" + auctionId + "/commitments", TestTokens.FIRM,
                "{\"commitment\": \"" + commitment(auctionId, "mekong-biotech", "1700000000", mekongSecret) + "\"}");
        var kyoto = send("POST", "/sealed-bid-auctions/" + auctionId + "/commitments", TestTokens.FOREIGN_FIRM,
                "{\"commitment\": \"" + commitment(auctionId, "kyoto-materials", "1600000000", kyotoSecret) + "\"}");
        assertThat(mekong.statusCode()).as(mekong.body()).isEqualTo(201);
        assertThat(kyoto.statusCode()).as(kyoto.body()).isEqualTo(201);
        assertThat(send("POST", "/sealed-bid-auctions/" + auctionId + "/reveals", TestTokens.FIRM,
                reveal("1700000000", mekongSecret)).statusCode()).as("no reveal before the bid deadline").isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                json(send("GET", "/sealed-bid-auctions/" + auctionId, TestTokens.UNIVERSITY, null)).path("bidCount").asInt() == 2);
        try (var watcher = new BoardWatcher(http, port, auctionId, TestTokens.UNIVERSITY)) {
            // the board follows the view a moment later: it is cached and published once the view's batch committed
            JsonNode board = watcher.awaitBoard(b -> b.path("bidCount").asInt() == 2);
            assertThat(board.path("phase").asText()).isEqualTo("COMMITTING");
            assertThat(board.path("currentPrice").isMissingNode()).as("no amount on a sealed board").isTrue();
            assertThat(watcher.received().toString()).doesNotContain("1700000000", "1600000000", "1500000000");
        }
        JsonNode sellersView = json(send("GET", "/sealed-bid-auctions/" + auctionId, TestTokens.UNIVERSITY, null));
        assertThat(sellersView.path("phase").asText()).isEqualTo("COMMITTING");
        assertThat(sellersView.path("dealType").asText()).isEqualTo("ASSIGNMENT");
        assertThat(json(send("GET", "/sealed-bid-auctions/" + auctionId, TestTokens.FIRM, null)).at("/yourBid/committedAt").asText())
                .isNotEmpty();
        assertThat(ids(json(send("GET", "/sealed-bid-auctions", TestTokens.FIRM, null)), "auctionId")).contains(auctionId);
        assertThat(ids(json(send("GET", "/sealed-bid-auctions", TestTokens.UNIVERSITY, null)), "auctionId")).contains(auctionId);
        assertThat(ids(json(send("GET", "/sealed-bid-auctions", TestTokens.UNIVERSITY_2, null)), "auctionId")).doesNotContain(auctionId);
        assertThat(ids(json(send("GET", "/sealed-bid-auctions?listingId=" + listingId, TestTokens.OPERATOR, null)), "auctionId"))
                .containsExactly(auctionId);
        assertThat(sellersView.path("winningAmount").isNull()).isTrue();

        clock.advance(Duration.ofHours(1));
        var mismatch = send("POST", "/sealed-bid-auctions/" + auctionId + "/reveals", TestTokens.FIRM, reveal("1800000000", mekongSecret));
        assertThat(mismatch.statusCode()).as(mismatch.body()).isEqualTo(422);
        for (var reveal : List.of(send("POST", "/sealed-bid-auctions/" + auctionId + "/reveals", TestTokens.FIRM, reveal("1700000000", mekongSecret)),
                send("POST", "/sealed-bid-auctions/" + auctionId + "/reveals", TestTokens.FOREIGN_FIRM, reveal("1600000000", kyotoSecret)))) {
            assertThat(reveal.statusCode()).as(reveal.body()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(10)).until(() ->
                json(send("GET", "/sealed-bid-auctions/" + auctionId, TestTokens.OPERATOR, null)).path("revealedCount").asInt() == 2);
        assertThat(send("GET", "/sealed-bid-auctions/" + auctionId, TestTokens.UNIVERSITY, null).body())
                .as("the seller sees no amount until the close").doesNotContain("1700000000", "1600000000");

        clock.advance(Duration.ofHours(1));
        JsonNode deal = dealAgreedOn(listingId);
        assertThat(deal.get("buyerOrganisationId").asText()).isEqualTo("mekong-biotech");
        assertThat(deal.at("/terms/price/lumpSum").asText()).isEqualTo("1700000000");
        assertThat(deal.at("/source/kind").asText()).isEqualTo("SEALED_BID_AUCTION");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                json(send("GET", "/sealed-bid-auctions/" + auctionId, TestTokens.FIRM, null)).path("youWon").asBoolean());
        JsonNode closed = json(send("GET", "/sealed-bid-auctions/" + auctionId, TestTokens.REGULATOR, null));
        assertThat(closed.path("phase").asText()).isEqualTo("WON");
        assertThat(closed.path("winningAmount").asText()).isEqualTo("1700000000");
    }

    /** What a bidder computes: SHA-256 over auctionId|bidder|amount|currency|secret, in hex. */
    private static String commitment(String auctionId, String bidder, String amount, String secret) throws Exception {
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                .digest((auctionId + "|" + bidder + "|" + amount + "|VND|" + secret).getBytes(StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(hash);
    }

    private static String reveal(String amount, String secret) {
        return "{\"amount\": \"" + amount + "\", \"currency\": \"VND\", \"secret\": \"" + secret + "\"}";
    }

    /** The actor a CloudEvent names: person, organisation, role. */
    private static List<String> actorExtensions(JsonNode cloudEvent) {
        return List.of(cloudEvent.path(CloudEventMapper.ACTOR_PERSON).asText(),
                cloudEvent.path(CloudEventMapper.ACTOR_ORGANISATION).asText(), cloudEvent.path(CloudEventMapper.ACTOR_ROLE).asText());
    }

    /** The actor in the stored metadata of each of the aggregate's events of these types (simple class names). */
    private Map<String, List<String>> actorsInTheStore(String aggregateId, String... types) {
        Map<String, List<String>> actors = new java.util.LinkedHashMap<>();
        jdbc.query("""
                SELECT payload_type, convert_from(meta_data, 'UTF8') AS meta_data FROM domain_event_entry
                WHERE aggregate_identifier = ? ORDER BY sequence_number""", rs -> {
            String type = rs.getString("payload_type").substring(rs.getString("payload_type").lastIndexOf('.') + 1);
            if (List.of(types).contains(type)) {
                JsonNode metadata = tree(rs.getString("meta_data"));
                actors.put(type, List.of(metadata.path(Actor.PERSON).asText(), metadata.path(Actor.ORGANISATION).asText(),
                        metadata.path(Actor.ROLE).asText()));
            }
        }, aggregateId);
        return actors;
    }

    private int bidEvents(String auctionId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%BidPlaced'",
                Integer.class, auctionId);
    }

    private JsonNode dealAgreedOn(String listingId) throws Exception {
        return published(listingId, "io.techex.bidding.DealAgreed.v1");
    }

    /** The data of the first CloudEvent of {@code type} about the listing on bidding's topic. */
    private JsonNode published(String listingId, String type) throws Exception {
        try (var reader = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            var record = reader.awaitRecord(r -> listingId.equals(r.key()) && r.valueAsString().contains(type), Duration.ofSeconds(30));
            return EventJson.mapper().readTree(record.valueAsString()).get("data");
        }
    }

    /** Sends listing-service's ListingPublished for a new listing of hust into the topic, and waits until it is biddable. */
    private String publish(String saleMode, String dealType) throws Exception {
        String listingId = UUID.randomUUID().toString();
        ObjectNode data = EventContracts.find("io.techex.listing.ListingPublished.v1").orElseThrow().sample().deepCopy();
        data.put("listingId", listingId).put("saleMode", saleMode);
        data.putArray("dealTypes").addObject().put("dealType", dealType);
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/techex/listing-service"))
                .withType("io.techex.listing.ListingPublished.v1")
                .withSubject(listingId)
                .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data.toString().getBytes(StandardCharsets.UTF_8))
                .withExtension(CloudEventMapper.PARTITION_KEY, listingId)
                .withExtension(CloudEventMapper.ACTOR_PERSON, "lan.nguyen")
                .withExtension(CloudEventMapper.ACTOR_ORGANISATION, "hust")
                .withExtension(CloudEventMapper.ACTOR_ROLE, "UNIVERSITY")
                .build();
        cloudEvents.send(topics.eventsOf("listing"), listingId, event).get();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM biddable_listing WHERE listing_id = ?", Integer.class, listingId) == 1);
        return listingId;
    }

    private HttpResponse<String> send(String method, String path, String person, String body) throws Exception {
        return send(method, path, person, body, null);
    }

    private HttpResponse<String> send(String method, String path, String person, String body, String idempotencyKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.get().bearer(person))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The values of {@code field} of a JSON array's elements. */
    private static List<String> ids(JsonNode array, String field) {
        List<String> ids = new ArrayList<>();
        array.forEach(element -> ids.add(element.path(field).asText()));
        return ids;
    }

    private static JsonNode findById(JsonNode array, String field, String id) {
        for (JsonNode element : array) {
            if (element.path(field).asText().equals(id)) {
                return element;
            }
        }
        throw new AssertionError("No element with " + field + " " + id + " in " + array);
    }

    /** Amounts are stored and published as exact decimal strings. */
    private static BigDecimal amount(JsonNode bid) {
        return amount(bid, "amount");
    }

    private static BigDecimal amount(JsonNode event, String field) {
        return new BigDecimal(event.get(field).asText());
    }

    private static JsonNode tree(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return EventJson.mapper().readTree(response.body());
    }
}

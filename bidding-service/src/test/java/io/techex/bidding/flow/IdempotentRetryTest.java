package io.techex.bidding.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.platform.redis.RedisKeys;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retries with an Idempotency-Key once Redis has lost the first answer (flushed, failed over): each is answered as its
 * first request was (same status, same body), from the event store, and has its effect once, however the auction,
 * the listing or the time moved on meanwhile. A refusal that a retry may see differently (a listing not known yet) is
 * not kept for the key.
 */
@IntegrationTest
class IdempotentRetryTest {

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, CloudEvent> cloudEvents;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    UnifiedJedis redis;
    @Autowired
    RedisKeys keys;
    @Autowired
    @Qualifier("auctionAggregateCache")
    Cache auctionsInMemory;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aBidRetriedAfterRedisLostItsAnswerGetsItsOwnNumberAmountAndTimeAndCountsOnce() throws Exception {
        String auctionId = englishAuction(publish("AUCTION", "ASSIGNMENT"));
        String key = "bid-" + UUID.randomUUID();
        var first = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"1000000\"}", key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String bidId = json(first).get("bidId").asText();
        for (int i = 1; i <= 4; i++) {
            String bidder = i % 2 == 1 ? TestTokens.FOREIGN_FIRM : TestTokens.FIRM;
            var more = send("POST", "/auctions/" + auctionId + "/bids", bidder, "{\"amount\": \"" + (1_000_000 + i * 10_000) + "\"}", null);
            assertThat(more.statusCode()).as(more.body()).isEqualTo(201);
        }

        forgetEverythingInRedis();
        // and the retry reaches an instance that has not got the auction in memory
        auctionsInMemory.removeAll();
        var retry = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"1000000\"}", key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(json(retry).get("bidNumber").asInt()).isEqualTo(1);
        assertThat(bidsPlaced(auctionId, bidId)).isEqualTo(1);
        assertThat(bidsPlaced(auctionId, null)).isEqualTo(5);
        // that answer is the key's again
        var replayed = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"1000000\"}", key);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replayed.body()).isEqualTo(first.body());
    }

    @Test
    void theKeyOfAnAcceptedBidReusedForAnotherAmountAfterRedisLostItIsRefusedAndStaysWithTheFirstBid() throws Exception {
        String auctionId = englishAuction(publish("AUCTION", "ASSIGNMENT"));
        String key = "bid-" + UUID.randomUUID();
        var first = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"1000000\"}", key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);

        forgetEverythingInRedis();
        var reused = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"1500000\"}", key);
        var retry = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"1000000\"}", key);

        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(422);
        assertThat(json(reused).get("type").asText()).isEqualTo("https://techex.io/problems/idempotency-key-reused");
        assertThat(json(reused).at("/errors/0/field").asText()).isEqualTo("Idempotency-Key");
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(bidsPlaced(auctionId, null)).isEqualTo(1);
    }

    @Test
    void anAuctionScheduledAgainAfterRedisLostItsAnswerAndTheListingWasWithdrawnIsAnsweredAsTheFirstTime() throws Exception {
        String listingId = publish("AUCTION", "ASSIGNMENT");
        String key = "auction-" + UUID.randomUUID();
        String schedule = englishAuctionOn(listingId);
        var first = send("POST", "/auctions", TestTokens.UNIVERSITY, schedule, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String auctionId = json(first).get("auctionId").asText();

        withdraw(listingId);
        forgetEverythingInRedis();
        var retry = send("POST", "/auctions", TestTokens.UNIVERSITY, schedule, key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(eventsOf(auctionId, "EnglishAuctionScheduled")).isEqualTo(1);
    }

    @Test
    void aSealedBidAuctionAndACommitmentRetriedAfterRedisLostTheirAnswersAreAnsweredAsTheFirstTime() throws Exception {
        String listingId = publish("AUCTION", "ASSIGNMENT");
        Instant now = Instant.now();
        String schedule = """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "reservePrice": "1500000000", "startsAt": "%s",
                 "bidsDueAt": "%s", "endsAt": "%s"}"""
                .formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2)));
        String scheduleKey = "sealed-" + UUID.randomUUID();
        var scheduled = send("POST", "/sealed-bid-auctions", TestTokens.UNIVERSITY, schedule, scheduleKey);
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        String auctionId = json(scheduled).get("auctionId").asText();
        String commitment = "{\"commitment\": \"" + sha256(auctionId + "|mekong-biotech|1700000000|VND|s3cr3t") + "\"}";
        String commitKey = "commit-" + UUID.randomUUID();
        var committed = send("POST", "/sealed-bid-auctions/" + auctionId + "/commitments", TestTokens.FIRM, commitment, commitKey);
        assertThat(committed.statusCode()).as(committed.body()).isEqualTo(201);
        var other = send("POST", "/sealed-bid-auctions/" + auctionId + "/commitments", TestTokens.FOREIGN_FIRM,
                "{\"commitment\": \"" + sha256(auctionId + "|kyoto-materials|1600000000|VND|other") + "\"}", null);
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);

        withdraw(listingId);
        forgetEverythingInRedis();
        var scheduledAgain = send("POST", "/sealed-bid-auctions", TestTokens.UNIVERSITY, schedule, scheduleKey);
        var committedAgain = send("POST", "/sealed-bid-auctions/" + auctionId + "/commitments", TestTokens.FIRM, commitment, commitKey);

        assertThat(scheduledAgain.statusCode()).as(scheduledAgain.body()).isEqualTo(201);
        assertThat(scheduledAgain.body()).isEqualTo(scheduled.body());
        assertThat(committedAgain.statusCode()).as(committedAgain.body()).isEqualTo(201);
        assertThat(committedAgain.body()).isEqualTo(committed.body());
        assertThat(eventsOf(auctionId, "SealedBidAuctionScheduled")).isEqualTo(1);
        assertThat(eventsOf(auctionId, "SealedBidCommitted")).isEqualTo(2);
    }

    @Test
    void anOfferMadeAgainAfterRedisLostItsAnswerAndTheListingWasWithdrawnIsAnsweredAsTheFirstTime() throws Exception {
        String listingId = publish("NEGOTIATION", "EXCLUSIVE_LICENCE");
        String offer = """
                {"listingId": "%s", "validUntil": "%s",
                 "terms": {"dealType": "EXCLUSIVE_LICENCE", "fieldOfUse": "textile wastewater", "territory": "VN", "termMonths": 60,
                           "price": {"currency": "VND", "lumpSum": "800000000", "runningRoyaltyPercent": "3.5"}}}"""
                .formatted(listingId, Instant.now().plus(Duration.ofDays(3)));
        String key = "offer-" + UUID.randomUUID();
        var first = send("POST", "/negotiations", TestTokens.FIRM, offer, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        String negotiationId = json(first).get("negotiationId").asText();

        withdraw(listingId);
        forgetEverythingInRedis();
        var retry = send("POST", "/negotiations", TestTokens.FIRM, offer, key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(eventsOf(negotiationId, "OfferMade")).isEqualTo(1);
    }

    /** The fault run's case: the seller's request overtook the listing's arrival in bidding; its retry must not be told 404 for a day. */
    @Test
    void anAuctionOnAListingBiddingHadNotHeardOfYetIsScheduledByTheRetryOnceTheListingArrives() throws Exception {
        String listingId = UUID.randomUUID().toString();
        String key = "auction-" + UUID.randomUUID();
        String schedule = englishAuctionOn(listingId);
        var tooEarly = send("POST", "/auctions", TestTokens.UNIVERSITY, schedule, key);
        assertThat(tooEarly.statusCode()).as(tooEarly.body()).isEqualTo(404);

        publish(listingId, "AUCTION", "ASSIGNMENT");
        var retry = send("POST", "/auctions", TestTokens.UNIVERSITY, schedule, key);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
    }

    private String englishAuction(String listingId) throws Exception {
        var scheduled = send("POST", "/auctions", TestTokens.UNIVERSITY, englishAuctionOn(listingId), null);
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        return json(scheduled).get("auctionId").asText();
    }

    /** An English auction open from now for an hour: each call is another request (its times differ). */
    private static String englishAuctionOn(String listingId) {
        Instant now = Instant.now();
        return """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "1000000", "minimumIncrement": "10000",
                 "startsAt": "%s", "endsAt": "%s"}""".formatted(listingId, now.minusSeconds(1), now.plus(Duration.ofHours(1)));
    }

    /** What a FLUSHALL does to this service, without touching the other test contexts sharing the Redis server. */
    private void forgetEverythingInRedis() {
        var scan = new ScanParams().match(keys.prefix() + "*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            var page = redis.scan(cursor, scan);
            page.getResult().forEach(redis::del);
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    /** BidPlaced events of the auction, of one bid or of all when {@code bidId} is null. */
    private int bidsPlaced(String auctionId, String bidId) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%BidPlaced'
                AND (CAST(? AS text) IS NULL OR convert_from(payload, 'UTF8')::jsonb ->> 'bidId' = ?)""",
                Integer.class, auctionId, bidId, bidId);
    }

    private int eventsOf(String aggregateId, String eventType) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE ?""",
                Integer.class, aggregateId, "%." + eventType);
    }

    private String publish(String saleMode, String dealType) throws Exception {
        return publish(UUID.randomUUID().toString(), saleMode, dealType);
    }

    /** Sends listing-service's ListingPublished for a listing of hust into the topic, and waits until it is biddable. */
    private String publish(String listingId, String saleMode, String dealType) throws Exception {
        ObjectNode data = EventContracts.find("io.techex.listing.ListingPublished.v1").orElseThrow().sample().deepCopy();
        data.put("listingId", listingId).put("saleMode", saleMode);
        data.putArray("dealTypes").addObject().put("dealType", dealType);
        sendListingEvent("io.techex.listing.ListingPublished.v1", listingId, data);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.queryForObject("SELECT count(*) FROM biddable_listing WHERE listing_id = ?", Integer.class, listingId) == 1);
        return listingId;
    }

    /** The seller withdraws the listing on listing-service; bidding stops taking deals on it. */
    private void withdraw(String listingId) throws Exception {
        ObjectNode data = EventContracts.find("io.techex.listing.ListingWithdrawn.v1").orElseThrow().sample().deepCopy();
        data.put("listingId", listingId);
        sendListingEvent("io.techex.listing.ListingWithdrawn.v1", listingId, data);
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(
                jdbc.queryForObject("SELECT state FROM biddable_listing WHERE listing_id = ?", String.class, listingId)));
    }

    private void sendListingEvent(String type, String listingId, ObjectNode data) throws Exception {
        CloudEvent event = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/techex/listing-service"))
                .withType(type)
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
    }

    private HttpResponse<String> send(String method, String path, String person, String body, String idempotencyKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.get().bearer(person))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return EventJson.mapper().readTree(response.body());
    }
}

package io.techex.bidding.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.bidding.api.AuctionClosedWithoutSale;
import io.techex.bidding.api.AuctionExtended;
import io.techex.bidding.api.AuctionFormat;
import io.techex.bidding.api.AuctionScheduled;
import io.techex.bidding.api.BidPlaced;
import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.NegotiationOpened;
import io.techex.bidding.api.OfferCountered;
import io.techex.bidding.api.OfferMade;
import io.techex.bidding.api.Party;
import io.techex.bidding.api.Price;
import io.techex.bidding.api.SealedBidCommitted;
import io.techex.bidding.api.SealedBidRevealed;
import io.techex.bidding.api.SealedBidVoided;
import io.techex.bidding.auction.Auction;
import io.techex.bidding.auction.AuctionTerms;
import io.techex.bidding.auction.EnglishAuctionScheduled;
import io.techex.bidding.negotiation.Negotiation;
import io.techex.bidding.sealed.SealedBidAuction;
import io.techex.bidding.sealed.SealedBidAuctionScheduled;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.actor.Actor;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import java.io.ByteArrayInputStream;
import java.io.ObjectInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A database the released bidding-service wrote: its public events stored under the class names they had beside their
 * aggregates ({@code auction.BidPlaced}, {@code negotiation.OfferMade}, {@code sealed.SealedBidCommitted} …), each row as
 * Axon writes one (the payload's JSON by the service's own event serializer, the actor in the metadata). The aggregates
 * load those histories and decide on them, the projections show them, and the relay publishes them under the same
 * CloudEvent types as ever. Pending deadlines name only classes that are still there.
 */
@IntegrationTest
class MovedEventsTest {

    private static final Actor SELLER = new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY);
    private static final Actor FIRM = new Actor("thu.vo", "mekong-biotech", Actor.Role.FIRM);

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    Serializer serializer;
    @Autowired
    Clock clock;
    @Autowired
    TestEnvironment env;
    @Autowired
    Topics topics;
    @Autowired
    KafkaTemplate<String, CloudEvent> cloudEvents;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aNegotiationOfferedAndCounteredUnderTheReleasedNamesIsAnsweredOnItsCounterOffer() throws Exception {
        String negotiationId = UUID.randomUUID().toString();
        String listingId = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant until = now.plus(Duration.ofDays(3));
        storeReleased(negotiationId, "Negotiation", List.of(
                released("io.techex.bidding.negotiation.OfferMade", new OfferMade(negotiationId, listingId, "hust",
                        "mekong-biotech", 1, terms("800000000"), until, now), FIRM),
                current(new NegotiationOpened(negotiationId, listingId, "hust", now), FIRM),
                released("io.techex.bidding.negotiation.OfferCountered", new OfferCountered(negotiationId, listingId, 2,
                        Party.SELLER, terms("950000000"), until, now), SELLER)));

        // the firm answers the seller's counter-offer: its turn only if both offers were read, and the deal is on the
        // countered terms
        var accepted = send("POST", "/negotiations/" + negotiationId + "/acceptance", TestTokens.FIRM, null);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(published(listingId, "io.techex.bidding.DealAgreed.v1").at("/terms/price/lumpSum").asText())
                .isEqualTo("950000000");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = json(send("GET", "/negotiations/" + negotiationId, TestTokens.UNIVERSITY, null));
            assertThat(view.path("status").asText()).isEqualTo("AGREED");
            assertThat(view.path("round").asInt()).isEqualTo(2);
        });
        assertThat(published(listingId, "io.techex.bidding.OfferMade.v1").at("/terms/price/lumpSum").asText())
                .isEqualTo("800000000");
        assertThat(published(listingId, "io.techex.bidding.OfferCountered.v1").path("by").asText()).isEqualTo("SELLER");
    }

    @Test
    void anEnglishAuctionBidOnAndExtendedUnderTheReleasedNamesTakesOnlyBidsAboveThatBid() throws Exception {
        String auctionId = UUID.randomUUID().toString();
        String listingId = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant extendedTo = now.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(2));
        storeReleased(auctionId, "Auction", List.of(
                current(new EnglishAuctionScheduled(auctionId, listingId, "hust", assignment(), "VND",
                        new BigDecimal("1000000"), new BigDecimal("1500000"), new BigDecimal("10000"),
                        now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)), 2), SELLER),
                current(new AuctionScheduled(auctionId, listingId, "hust", AuctionFormat.ENGLISH, DealType.ASSIGNMENT,
                        "VND", now.minus(Duration.ofMinutes(1)), null, now.plus(Duration.ofHours(1))), SELLER),
                released("io.techex.bidding.auction.BidPlaced", new BidPlaced(auctionId, listingId, "bid-1",
                        "mekong-biotech", new BigDecimal("1200000"), "VND", 1, now), FIRM),
                released("io.techex.bidding.auction.AuctionExtended", new AuctionExtended(auctionId, listingId,
                        extendedTo), FIRM)));

        var tooLow = send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FOREIGN_FIRM, "{\"amount\": \"1205000\"}");
        assertThat(tooLow.statusCode()).as(tooLow.body()).isEqualTo(409);
        assertThat(json(tooLow).at("/minimumBid/amount").asText()).isEqualTo("1210000");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = json(send("GET", "/auctions/" + auctionId, TestTokens.FOREIGN_FIRM, null));
            assertThat(view.path("bidCount").asInt()).isEqualTo(1);
            assertThat(view.path("currentPrice").asText()).isEqualTo("1200000");
            assertThat(Instant.parse(view.path("endsAt").asText())).isEqualTo(extendedTo);
        });
        assertThat(published(listingId, "io.techex.bidding.BidPlaced.v1").path("amount").asText()).isEqualTo("1200000");
        assertThat(Instant.parse(published(listingId, "io.techex.bidding.AuctionExtended.v1").path("endsAt").asText()))
                .isEqualTo(extendedTo);
    }

    @Test
    void sealedBidAuctionsCommittedRevealedVoidedAndClosedUnderTheReleasedNamesKeepEachBidAsCommitted() throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String secret = "s3cr3t";

        // bids still due: the firm's commitment stands, another firm's is the second
        String committing = sealedBidAuction(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(2)));
        storeReleased(committing, "SealedBidAuction", List.of(committed(committing, "1700000", secret)));
        var twice = send("POST", "/sealed-bid-auctions/" + committing + "/commitments", TestTokens.FIRM,
                commitmentBody(committing, "mekong-biotech", "1800000", secret));
        assertThat(twice.statusCode()).as(twice.body()).isEqualTo(409);
        assertThat(json(twice).path("type").asText()).endsWith("/already-committed");
        var second = send("POST", "/sealed-bid-auctions/" + committing + "/commitments", TestTokens.FOREIGN_FIRM,
                commitmentBody(committing, "kyoto-materials", "1600000", secret));
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        assertThat(json(second).path("commitNumber").asInt()).isEqualTo(2);

        // being revealed: the firm's bid is revealed already, so another amount is refused as such, not as a mismatch
        String revealing = sealedBidAuction(now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(1)));
        storeReleased(revealing, "SealedBidAuction", List.of(committed(revealing, "1700000", secret),
                released("io.techex.bidding.sealed.SealedBidRevealed", new SealedBidRevealed(revealing,
                        listingOf(revealing), "mekong-biotech", new BigDecimal("1700000"), "VND", secret, 1, now), FIRM)));
        var again = send("POST", "/sealed-bid-auctions/" + revealing + "/reveals", TestTokens.FIRM,
                "{\"amount\": \"1800000\", \"currency\": \"VND\", \"secret\": \"" + secret + "\"}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(json(again).path("type").asText()).endsWith("/already-revealed");

        // cancelled while bids were still due: closed to any new commitment
        String cancelled = sealedBidAuction(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(2)));
        storeReleased(cancelled, "SealedBidAuction", List.of(released(
                "io.techex.bidding.auction.AuctionClosedWithoutSale", new AuctionClosedWithoutSale(cancelled,
                        listingOf(cancelled), "the listing was withdrawn", now), SELLER)));
        var late = send("POST", "/sealed-bid-auctions/" + cancelled + "/commitments", TestTokens.FIRM,
                commitmentBody(cancelled, "mekong-biotech", "1700000", secret));
        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        assertThat(json(late).path("type").asText()).endsWith("/bids-closed");

        // closed at its end without a reveal: the commitment void, no sale
        String ended = sealedBidAuction(now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2)),
                now.minus(Duration.ofHours(1)));
        storeReleased(ended, "SealedBidAuction", List.of(committed(ended, "1700000", secret),
                released("io.techex.bidding.sealed.SealedBidVoided", new SealedBidVoided(ended, listingOf(ended),
                        "mekong-biotech", "not revealed", now), FIRM),
                released("io.techex.bidding.auction.AuctionClosedWithoutSale", new AuctionClosedWithoutSale(ended,
                        listingOf(ended), "no valid bid", now), FIRM)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode open = json(send("GET", "/sealed-bid-auctions/" + committing, TestTokens.FIRM, null));
            assertThat(open.path("bidCount").asInt()).isEqualTo(2);
            assertThat(open.at("/yourBid/commitNumber").asInt()).isEqualTo(1);
            JsonNode revealed = json(send("GET", "/sealed-bid-auctions/" + revealing, TestTokens.FIRM, null));
            assertThat(revealed.path("revealedCount").asInt()).isEqualTo(1);
            assertThat(revealed.at("/yourBid/amount").asText()).isEqualTo("1700000");
            JsonNode closed = json(send("GET", "/sealed-bid-auctions/" + ended, TestTokens.FIRM, null));
            assertThat(closed.path("phase").asText()).isEqualTo("CLOSED_WITHOUT_SALE");
            assertThat(closed.at("/yourBid/voided").asBoolean()).isTrue();
            assertThat(json(send("GET", "/sealed-bid-auctions/" + cancelled, TestTokens.FIRM, null)).path("phase").asText())
                    .isEqualTo("CLOSED_WITHOUT_SALE");
        });
        assertThat(published(listingOf(committing), "io.techex.bidding.SealedBidCommitted.v1").path("commitNumber").asInt())
                .isEqualTo(1);
        assertThat(published(listingOf(revealing), "io.techex.bidding.SealedBidRevealed.v1").path("amount").asText())
                .isEqualTo("1700000");
        assertThat(published(listingOf(ended), "io.techex.bidding.SealedBidVoided.v1").path("reason").asText())
                .isEqualTo("not revealed");
        assertThat(published(listingOf(ended), "io.techex.bidding.AuctionClosedWithoutSale.v1").path("reason").asText())
                .isEqualTo("no valid bid");
    }

    /**
     * A pending deadline's row names its payload's class and its aggregate's type, and is read by neither the event
     * store nor its upcasters: those names must still be classes of the service.
     */
    @Test
    void pendingDeadlinesNameOnlyPayloadsAndAggregatesThatStillExist() throws Exception {
        String listingId = publish();
        var offered = send("POST", "/negotiations", TestTokens.FIRM, """
                {"listingId": "%s", "terms": {"dealType": "ASSIGNMENT", "price": {"currency": "VND", "lumpSum": "900000000"}},
                 "validUntil": "%s"}""".formatted(listingId, clock.instant().plus(Duration.ofDays(3))));
        assertThat(offered.statusCode()).as(offered.body()).isEqualTo(201);

        List<byte[]> pending = jdbc.queryForList("SELECT task_data FROM scheduled_tasks WHERE task_data IS NOT NULL",
                byte[].class);
        assertThat(pending).isNotEmpty();
        for (byte[] data : pending) {
            try (var in = new ObjectInputStream(new ByteArrayInputStream(data))) {
                var deadline = (DbSchedulerBinaryDeadlineDetails) in.readObject();
                assertThat(Class.forName(deadline.getPc())).as("the deadline's payload").isNotNull();
                var scope = (AggregateScopeDescriptor) deadline.getDeserializedScopeDescriptor(serializer);
                assertThat(scope.getType()).as("the deadline's aggregate").isIn(Auction.class.getSimpleName(),
                        SealedBidAuction.class.getSimpleName(), Negotiation.class.getSimpleName());
            }
        }
    }

    /** An event to store under the class name the released service gave it. */
    private record Stored(String payloadType, Object event, Actor actor) {
    }

    private static Stored released(String releasedClassName, Object event, Actor actor) {
        return new Stored(releasedClassName, event, actor);
    }

    private static Stored current(Object event, Actor actor) {
        return new Stored(event.getClass().getName(), event, actor);
    }

    /** A sealed-bid auction scheduled by hust, without a reserve, on a listing of its own (see {@link #listingOf}). */
    private String sealedBidAuction(Instant startsAt, Instant bidsDueAt, Instant endsAt) {
        String auctionId = UUID.randomUUID().toString();
        String listingId = listingOf(auctionId);
        storeReleased(auctionId, "SealedBidAuction", List.of(
                current(new SealedBidAuctionScheduled(auctionId, listingId, "hust", assignment(), "VND", null, startsAt,
                        bidsDueAt, endsAt), SELLER),
                current(new AuctionScheduled(auctionId, listingId, "hust", AuctionFormat.SEALED_BID, DealType.ASSIGNMENT,
                        "VND", startsAt, bidsDueAt, endsAt), SELLER)));
        return auctionId;
    }

    private Stored committed(String auctionId, String amount, String secret) throws Exception {
        return released("io.techex.bidding.sealed.SealedBidCommitted", new SealedBidCommitted(auctionId, listingOf(auctionId),
                "bid-1", "mekong-biotech", commitment(auctionId, "mekong-biotech", amount, secret), 1, clock.instant()), FIRM);
    }

    /** Each auction here is on a listing named after it, so that its CloudEvents are found by their key. */
    private static String listingOf(String auctionId) {
        return UUID.nameUUIDFromBytes(("listing of " + auctionId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Appends {@code events} to the aggregate's stream as Axon stores an event: the payload and the actor's metadata
     * serialized by the service's event serializer, under the given class name.
     */
    private void storeReleased(String aggregateId, String aggregateType, List<Stored> events) {
        Integer stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, aggregateId);
        long sequence = stored == null ? 0 : stored;
        for (Stored event : events) {
            SerializedObject<byte[]> payload = eventSerializer.serialize(event.event(), byte[].class);
            SerializedObject<byte[]> metaData = eventSerializer.serialize(MetaData.from(event.actor().asMetaData()), byte[].class);
            jdbc.update("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                                                    payload_type, payload_revision, payload, meta_data)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", UUID.randomUUID().toString(), aggregateId, sequence++,
                    aggregateType, clock.instant().toString(), event.payloadType(), payload.getType().getRevision(),
                    payload.getData(), metaData.getData());
        }
    }

    private static DealTerms terms(String lumpSum) {
        return new DealTerms(DealType.EXCLUSIVE_LICENCE, "textile wastewater", "VN", 60,
                Price.lumpSum(new BigDecimal(lumpSum), "VND"));
    }

    private static AuctionTerms assignment() {
        return new AuctionTerms(DealType.ASSIGNMENT, null, null, null);
    }

    private static String commitmentBody(String auctionId, String bidder, String amount, String secret) throws Exception {
        return "{\"commitment\": \"" + commitment(auctionId, bidder, amount, secret) + "\"}";
    }

    /** What a bidder computes: SHA-256 over auctionId|bidder|amount|currency|secret, in hex. */
    private static String commitment(String auctionId, String bidder, String amount, String secret) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest((auctionId + "|" + bidder + "|" + amount + "|VND|" + secret).getBytes(StandardCharsets.UTF_8)));
    }

    /** The data of the first CloudEvent of {@code type} about the listing on bidding's topic. */
    private JsonNode published(String listingId, String type) throws Exception {
        try (var reader = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            var record = reader.awaitRecord(r -> listingId.equals(r.key()) && r.valueAsString().contains("\"" + type + "\""),
                    Duration.ofSeconds(30));
            return EventJson.mapper().readTree(record.valueAsString()).get("data");
        }
    }

    /** Sends listing-service's ListingPublished for a new listing of hust, sold by negotiation, and awaits it here. */
    private String publish() throws Exception {
        String listingId = UUID.randomUUID().toString();
        ObjectNode data = EventContracts.find("io.techex.listing.ListingPublished.v1").orElseThrow().sample().deepCopy();
        data.put("listingId", listingId).put("saleMode", "NEGOTIATION");
        data.putArray("dealTypes").addObject().put("dealType", "ASSIGNMENT");
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
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", TestTokens.get().bearer(person))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return EventJson.mapper().readTree(response.body());
    }
}

package io.techex.bidding.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.platform.relay.KafkaRelay;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.Registration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replaying bidding's read models from the first event rebuilds them as they were and does nothing else: no command is
 * sent and no event is added. What the exchange does in reaction to events (closing negotiations a deal conflicts
 * with) is a policy in a processor of its own that never replays; were it in the replayed processor, replaying the
 * offer of a negotiation countered out of conflict before the deal would close that negotiation, open for good reason.
 * <p>
 * In a context (and database) of its own: the whole event store and every processor are this test's to count and reset.
 */
@IntegrationTest
@TestPropertySource(properties = "techex.test.context=projection-replay")
class ProjectionReplayTest {

    /** Every table the replayed processors keep, with the order its rows are compared in. */
    static final Map<String, String> READ_MODELS = Map.of(
            "negotiation_view", "negotiation_id",
            "negotiation_round_view", "negotiation_id, round",
            "auction_view", "auction_id",
            "auction_bidder_view", "auction_id, bidder_organisation_id",
            "sealed_auction_view", "auction_id",
            "sealed_bid_view", "auction_id, bidder_organisation_id");

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, CloudEvent> cloudEvents;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    CommandBus commandBus;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void replayingEveryReadModelSendsNoCommandAddsNoEventAndRebuildsThemAsTheyWere() throws Exception {
        String listingId = publish("NEGOTIATION", "EXCLUSIVE_LICENCE");
        // offered for any territory, countered by the seller down to Japan: no conflict with the deal for Vietnam below
        String countered = offer(TestTokens.FOREIGN_FIRM, listingId, null);
        assertThat(send("POST", "/negotiations/" + countered + "/counter-offers", TestTokens.UNIVERSITY, """
                {"terms": %s, "validUntil": "%s"}""".formatted(exclusiveLicence("JP"), inThreeDays())).statusCode()).isEqualTo(200);
        String conflicting = offer(TestTokens.FOREIGN_FIRM, listingId, "VN");
        String agreed = offer(TestTokens.FIRM, listingId, "VN");
        assertThat(send("POST", "/negotiations/" + agreed + "/acceptance", TestTokens.UNIVERSITY, null).statusCode()).isEqualTo(200);
        awaitStatus(conflicting, "CLOSED");
        String late = offer(TestTokens.FOREIGN_FIRM, listingId, "VN");
        awaitStatus(late, "CLOSED");
        awaitStatus(agreed, "AGREED");
        assertThat(status(countered)).isEqualTo("OPEN");

        String auctioned = publish("AUCTION", "ASSIGNMENT");
        Instant now = Instant.now();
        String auctionId = created(send("POST", "/auctions", TestTokens.UNIVERSITY, """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "startingPrice": "1000000", "minimumIncrement": "10000",
                 "startsAt": "%s", "endsAt": "%s", "softCloseMinutes": 2}""".formatted(auctioned, now.minusSeconds(1),
                now.plus(Duration.ofHours(3)))), "auctionId");
        created(send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FIRM, "{\"amount\": \"1000000\"}"), "bidId");
        created(send("POST", "/auctions/" + auctionId + "/bids", TestTokens.FOREIGN_FIRM, "{\"amount\": \"1200000\"}"), "bidId");
        String sealed = publish("AUCTION", "ASSIGNMENT");
        String sealedId = created(send("POST", "/sealed-bid-auctions", TestTokens.UNIVERSITY, """
                {"listingId": "%s", "dealType": "ASSIGNMENT", "startsAt": "%s", "bidsDueAt": "%s", "endsAt": "%s"}"""
                .formatted(sealed, now.minusSeconds(1), now.plus(Duration.ofHours(3)), now.plus(Duration.ofHours(4)))), "auctionId");
        created(send("POST", "/sealed-bid-auctions/" + sealedId + "/commitments", TestTokens.FIRM,
                "{\"commitment\": \"" + "ab".repeat(32) + "\"}"), "bidId");

        List<StreamingEventProcessor> replayable = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast)
                .filter(processor -> !processor.getName().equals(KafkaRelay.PROCESSING_GROUP))
                .filter(StreamingEventProcessor::supportsReset).toList();
        assertThat(replayable).extracting(StreamingEventProcessor::getName).containsExactly("bidding-views");
        assertThat(processing.eventProcessor("negotiation-policy", StreamingEventProcessor.class).orElseThrow()
                .supportsReset()).as("the policy never replays").isFalse();
        awaitEveryProcessorCaughtUp();
        long events = events();
        Map<String, List<Map<String, Object>>> before = readModels();
        assertThat(before.get("negotiation_view")).hasSize(4);
        assertThat(before.get("negotiation_round_view")).hasSize(5);
        assertThat(before.get("auction_bidder_view")).hasSize(2);

        List<String> sent = new CopyOnWriteArrayList<>();
        Registration watching = commandBus.registerDispatchInterceptor(commands -> (index, command) -> {
            sent.add(command.getPayloadType().getSimpleName());
            return command;
        });
        try {
            for (StreamingEventProcessor processor : replayable) {
                processor.shutdownAsync().join();
                processor.resetTokens();
                assertThat(processor.processingStatus()).as("no segment left from before the reset").isEmpty();
                processor.start();
            }
            // caught up is at the store's head: a replaying processor says so until an event newer than the reset comes
            awaitEveryProcessorCaughtUp();
        } finally {
            watching.cancel();
        }

        assertThat(sent).as("commands sent while replaying").isEmpty();
        assertThat(events()).as("events in the store").isEqualTo(events);
        assertThat(readModels()).isEqualTo(before);
        assertThat(status(countered)).isEqualTo("OPEN");
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private Map<String, List<Map<String, Object>>> readModels() {
        return READ_MODELS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                table -> jdbc.queryForList("SELECT * FROM " + table.getKey() + " ORDER BY " + table.getValue())));
    }

    /** Every streaming processor has handled every event in the store. */
    private void awaitEveryProcessorCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            long head = head();
            return processing.eventProcessors().values().stream().filter(StreamingEventProcessor.class::isInstance)
                    .map(StreamingEventProcessor.class::cast)
                    .allMatch(processor -> !processor.processingStatus().isEmpty()
                            && processor.processingStatus().values().stream().allMatch(segment -> atHead(segment, head)));
        });
    }

    private long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), -1) FROM domain_event_entry", Long.class);
    }

    private static boolean atHead(EventTrackerStatus segment, long head) {
        return !segment.isErrorState() && segment.getCurrentPosition().orElse(-1) >= head;
    }

    /** A firm's offer of an exclusive licence on the listing, for {@code territory} (null: anywhere). */
    private String offer(String firm, String listingId, String territory) throws Exception {
        return created(send("POST", "/negotiations", firm, """
                {"listingId": "%s", "terms": %s, "validUntil": "%s"}""".formatted(listingId, exclusiveLicence(territory),
                inThreeDays())), "negotiationId");
    }

    private static String exclusiveLicence(String territory) {
        return """
                {"dealType": "EXCLUSIVE_LICENCE", %s"termMonths": 60, "price": {"currency": "VND", "lumpSum": "900000000"}}"""
                .formatted(territory == null ? "" : "\"territory\": \"" + territory + "\", ");
    }

    private static String inThreeDays() {
        return Instant.now().plus(Duration.ofDays(3)).toString();
    }

    private String status(String negotiationId) throws Exception {
        return json(send("GET", "/negotiations/" + negotiationId, TestTokens.UNIVERSITY, null)).path("status").asText();
    }

    private void awaitStatus(String negotiationId, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> status(negotiationId).equals(status));
    }

    private static String created(HttpResponse<String> response, String idField) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get(idField).asText();
    }

    /** listing-service's ListingPublished for a new listing of hust, then waits until bidding knows it. */
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

package io.techex.platform.relay;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.techex.contracts.EventJson;
import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;
import io.techex.platform.actor.Actor;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay under Axon's pooled processor, on PostgreSQL and Kafka: a backlog made while it was stopped reaches the
 * topic once per event, in the store's order per asset, as CloudEvents that carry the event and its actor; and
 * segments that stand at different positions when it starts publish what lies beyond each one's position and nothing
 * at or below it, although the backlog is handed over in groups.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "techex.service.name=" + RelayTestApplication.SERVICE_NAME,
        "spring.flyway.locations=classpath:db/platform",
        // several queries per backlog, so reading on from one batch to the next is part of what is tested
        "techex.event-store.batch-size=7"})
class KafkaRelayTest {

    @EventType(name = "io.techex.relaytest.AssetNoted")
    record AssetNoted(String assetId, int step, String note) implements PublicEvent {
    }

    /** Kept inside the service: stored, never published. */
    record AssetTouched(String assetId, int step) {
    }

    private static final Actor SELLER = new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY);

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    Topics topics;
    @Autowired
    TestEnvironment env;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TokenStore tokenStore;
    @Autowired
    TransactionManager transactions;
    @Autowired
    DataSource dataSource;
    @Autowired
    TokenSchema tokenSchema;
    @Autowired
    Serializer serializer;
    @Autowired
    @Qualifier("kafkaRelayHealthIndicator")
    HealthIndicator relayHealth;

    /** The other side of {@link RelayWithoutKafkaTest}: with the broker there, the relay's health says it publishes. */
    @Test
    void theRelaysHealthSaysPublishingAndCaughtUpOnceKafkaAcknowledgedEverything() {
        append(3, 2, true);

        Health health = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(relayHealth::health, h -> "publishing".equals(h.getDetails().get("state"))
                        && Long.valueOf(0).equals(h.getDetails().get("lag")));

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsKey("lastAcknowledged").doesNotContainKeys("since", "lastFailure");
        assertThat((Long) health.getDetails().get("position")).as("every stored event is acknowledged")
                .isEqualTo(jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class));
    }

    @Test
    void aBacklogReachesTheTopicOncePerEventInTheStoresOrderPerAsset() {
        PooledStreamingEventProcessor relay = relay();
        relay.shutDown();
        Map<String, List<String>> published = append(12, 25, true);
        List<String> expected = published.values().stream().flatMap(List::stream).toList();
        relay.start();

        List<CloudEvent> relayed = new ArrayList<>();
        Map<String, List<Long>> sequences = new LinkedHashMap<>();
        try (KafkaRecords records = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            Set<String> wanted = new HashSet<>(expected);
            records.await(seen -> seen.stream().map(r -> cloudEvent(r).getId()).filter(wanted::contains).distinct().count()
                    == wanted.size(), Duration.ofSeconds(60));
            for (KafkaRecords.Received record : records.poll()) {
                CloudEvent event = cloudEvent(record);
                if (wanted.contains(event.getId())) {
                    relayed.add(event);
                    assertThat(record.key()).isEqualTo(event.getSubject());
                    sequences.computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(Long.parseLong(String.valueOf(event.getExtension(CloudEventMapper.AGGREGATE_SEQUENCE))));
                }
            }
        }

        assertThat(relayed).extracting(CloudEvent::getId).as("every public event once, nothing else")
                .containsExactlyInAnyOrderElementsOf(expected);
        sequences.forEach((asset, seen) -> assertThat(seen).as("the events of " + asset + " in store order").isSorted());
        CloudEvent first = relayed.getFirst();
        assertThat(first.getType()).isEqualTo("io.techex.relaytest.AssetNoted.v1");
        assertThat(first.getDataSchema()).hasToString("https://techex.io/contracts/relaytest/AssetNoted.v1.schema.json");
        assertThat(first.getExtension(CloudEventMapper.ACTOR_ORGANISATION)).isEqualTo("hust");
        assertThat(EventJson.mapper().convertValue(readTree(first.getData().toBytes()), AssetNoted.class).assetId())
                .isEqualTo(first.getSubject());
    }

    @Test
    void segmentsAtDifferentPositionsPublishWhatLiesBeyondEachAndNothingTwice() {
        PooledStreamingEventProcessor relay = relay();
        relay.shutDown();
        Segment[] segments = Segment.computeSegments(0, 1, 2, 3);
        // four assets in each segment: random ids could leave a segment with none (about one run in a hundred)
        Map<Integer, Integer> perSegment = new HashMap<>();
        List<String> assetIds = new ArrayList<>();
        while (assetIds.size() < 16) {
            String asset = UUID.randomUUID().toString();
            if (perSegment.merge(segmentOf(asset, segments), 1, Integer::sum) <= 4) {
                assetIds.add(asset);
            }
        }
        Map<String, List<String>> backlog = append(assetIds, 20, false);
        Map<String, Long> positions = new HashMap<>();
        Map<String, String> assets = new HashMap<>();
        jdbc.query("SELECT event_identifier, global_index, aggregate_identifier FROM domain_event_entry", row -> {
            positions.put(row.getString(1), row.getLong(2));
            assets.put(row.getString(1), row.getString(3));
        });
        List<String> ids = backlog.values().stream().flatMap(List::stream)
                .sorted((a, b) -> Long.compare(positions.get(a), positions.get(b))).toList();

        // segment 0 has published nothing of the backlog; each other one stands at an event of its own a quarter,
        // a half and three quarters of the way in, in the middle of a group rather than at its end
        long start = positions.get(ids.getFirst()) - 1;
        Map<Integer, Long> stands = new HashMap<>();
        stands.put(0, start);
        for (int segment = 1; segment <= 3; segment++) {
            for (int i = ids.size() * segment / 4; ; i++) {
                String id = ids.get(i);
                long position = positions.get(id);
                if (segmentOf(assets.get(id), segments) == segment && (position - start) % PromptEventSource.GROUP != 0) {
                    stands.put(segment, position);
                    break;
                }
            }
        }
        transactions.executeInTransaction(() -> stands.forEach((segment, position) -> {
            tokenStore.fetchToken(KafkaRelay.PROCESSING_GROUP, segment);
            tokenStore.storeToken(GapAwareTrackingToken.newInstance(position, Set.of()), KafkaRelay.PROCESSING_GROUP, segment);
            tokenStore.releaseClaim(KafkaRelay.PROCESSING_GROUP, segment);
        }));
        TrackingToken furthest = new StoredPositions(dataSource, tokenSchema, () -> serializer, KafkaRelay.PROCESSING_GROUP).get();
        assertThat(furthest).isEqualTo(GapAwareTrackingToken.newInstance(stands.get(3), Set.of()));

        List<String> beyond = ids.stream()
                .filter(id -> positions.get(id) > stands.get(segmentOf(assets.get(id), segments))).toList();
        relay.start();

        List<String> relayed = new ArrayList<>();
        try (KafkaRecords records = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            Set<String> wanted = new HashSet<>(beyond);
            records.await(seen -> seen.stream().map(r -> cloudEvent(r).getId()).filter(wanted::contains).distinct().count()
                    == wanted.size(), Duration.ofSeconds(60));
            Set<String> ofBacklog = new HashSet<>(ids);
            records.poll().stream().map(r -> cloudEvent(r).getId()).filter(ofBacklog::contains).forEach(relayed::add);
        }
        assertThat(relayed).as("each event beyond its segment's position once, none at or below it")
                .containsExactlyInAnyOrderElementsOf(beyond);
        assertThat(beyond).hasSizeBetween(ids.size() / 4, ids.size() * 3 / 4);
    }

    private PooledStreamingEventProcessor relay() {
        return processing.eventProcessor(KafkaRelay.PROCESSING_GROUP, PooledStreamingEventProcessor.class).orElseThrow();
    }

    /**
     * {@code assets} assets with {@code steps} events each, appended a round of one event per asset at a time so the
     * assets' events interleave in the store; with {@code touches}, an event that is not public after every public
     * one of the first asset. Returns the public events' ids per asset.
     */
    private Map<String, List<String>> append(int assets, int steps, boolean touches) {
        List<String> ids = new ArrayList<>();
        for (int a = 0; a < assets; a++) {
            ids.add(UUID.randomUUID().toString());
        }
        return append(ids, steps, touches);
    }

    private Map<String, List<String>> append(List<String> ids, int steps, boolean touches) {
        Map<String, List<String>> published = new LinkedHashMap<>();
        Map<String, Integer> sequence = new HashMap<>();
        for (int step = 0; step < steps; step++) {
            List<EventMessage<?>> round = new ArrayList<>();
            for (String asset : ids) {
                String id = UUID.randomUUID().toString();
                round.add(new GenericDomainEventMessage<>("Asset", asset, sequence.merge(asset, 1, Integer::sum) - 1,
                        new AssetNoted(asset, step, "Cảm biến đo độ mặn, bước " + step),
                        MetaData.from(SELLER.asMetaData()), id, java.time.Instant.now()));
                published.computeIfAbsent(asset, k -> new ArrayList<>()).add(id);
                if (touches && asset.equals(ids.getFirst())) {
                    round.add(new GenericDomainEventMessage<>("Asset", asset, sequence.merge(asset, 1, Integer::sum) - 1,
                            new AssetTouched(asset, step), MetaData.from(SELLER.asMetaData())));
                }
            }
            eventStore.publish(round);
        }
        return published;
    }

    private static int segmentOf(String asset, Segment[] segments) {
        for (Segment segment : segments) {
            if (segment.matches(Objects.hashCode(asset))) {
                return segment.getSegmentId();
            }
        }
        throw new IllegalStateException("no segment for " + asset);
    }

    private static CloudEvent cloudEvent(KafkaRecords.Received record) {
        return EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).deserialize(record.value());
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(byte[] json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.techex.audit.trail;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.techex.audit.AuditTestSupport;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A backlog on all three topics, read in many polls: every event recorded once (the first of its copies, in topic
 * order), log_time following its partition's rule across polls, every entry sequenced into the log in the log's
 * order; and the whole backlog delivered a second time adds nothing. It also prints how fast the backlog was recorded
 * and sequenced; {@code -Daudit.backlog.events=100000} makes it the catch-up run.
 */
@IntegrationTest
// a context (database, topics) of its own: the other tests' entries stay out of its counts and timings
@TestPropertySource(properties = "techex.audit.log.consumer=backlog")
class TrailBacklogTest {

    private static final int EVENTS = Integer.getInteger("audit.backlog.events", 4_000);
    private static final int ASSETS = 150;

    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestEnvironment env;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void aBacklogIsRecordedOnceInPartitionOrderAndSequencedWhole() throws Exception {
        MessageListenerContainer trail = listeners.getListenerContainer("audit-trail");
        trail.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !trail.isRunning());

        List<String> assets = new ArrayList<>();
        for (int i = 0; i < ASSETS; i++) {
            assets.add(UUID.randomUUID().toString());
        }
        Map<String, String> firstCopy = new HashMap<>();
        List<Future<RecordMetadata>> pending = new ArrayList<>();
        List<Sent> sent = new ArrayList<>();
        long base = System.currentTimeMillis() - 1_000;
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(producerConfig())) {
            CloudEvent previous = null;
            String previousTopic = null;
            for (int i = 0; i < EVENTS; i++) {
                String asset = assets.get(i % ASSETS);
                CloudEvent event = switch (i % 3) {
                    case 0 -> AuditTestSupport.sampled("io.techex.listing.ListingDraftRevised.v1", asset, Instant.now(),
                            "lan.nguyen", "hust", "UNIVERSITY");
                    case 1 -> AuditTestSupport.sampled("io.techex.bidding.BidPlaced.v1", asset, Instant.now(),
                            "thu.vo", "mekong-biotech", "FIRM");
                    default -> AuditTestSupport.sampled("io.techex.contract.ContractSigned.v1", asset, Instant.now(),
                            null, null, null);
                };
                String topic = topics.eventsOf(event.getType().split("\\.")[2]);
                // every eleventh record stamped earlier than those before it: its log_time is raised to theirs
                long timestamp = i % 11 == 0 ? base + i - 40 : base + i;
                pending.add(producer.send(new ProducerRecord<>(topic, null, timestamp, asset, event)));
                sent.add(new Sent(event.getId(), timestamp));
                if (i % 17 == 0 && previous != null) {
                    // a relay's retry of the record before: same id, same key, later on the partition, later stamp
                    pending.add(producer.send(new ProducerRecord<>(previousTopic, null, timestamp + 1,
                            previous.getSubject(), previous)));
                    sent.add(new Sent(previous.getId(), timestamp + 1));
                }
                previous = event;
                previousTopic = topic;
            }
            producer.flush();
        }
        Map<String, Long> timestampAt = new HashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            RecordMetadata metadata = pending.get(i).get();
            String where = metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset();
            timestampAt.put(where, sent.get(i).timestamp());
            firstCopy.putIfAbsent(sent.get(i).eventId(), where);
        }
        int distinct = firstCopy.size();

        long started = System.nanoTime();
        trail.start();
        awaitDrained();
        double recorded = (System.nanoTime() - started) / 1e9;
        System.out.printf("audit backlog: %d records (%d events) recorded in %.2f s (%.0f events/s)%n",
                sent.size(), distinct, recorded, distinct / recorded);
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> count("SELECT coalesce(max(leaf_index) + 1, 0) FROM log_leaf") >= distinct);
        double sequenced = (System.nanoTime() - started) / 1e9;
        System.out.printf("audit backlog: all %d in the log after %.2f s (%.0f events/s)%n",
                distinct, sequenced, distinct / sequenced);

        assertThat(count("SELECT count(*) FROM trail_entry")).isEqualTo(distinct);
        assertThat(count("SELECT count(*) FROM log_leaf")).isEqualTo(distinct);
        assertThat(count("SELECT count(*) FROM log_pending")).isZero();
        assertThat(count("SELECT count(*) FROM processed_event WHERE consumer = 'trail'")).isEqualTo(distinct);

        // each event at its first copy's place, log_time the record's timestamp raised to its predecessor's
        Map<String, Long> lastLogTime = new HashMap<>();
        Map<String, String> topicOf = Map.of("listing", topics.eventsOf("listing"), "bidding", topics.eventsOf("bidding"),
                "contract", topics.eventsOf("contract"));
        jdbc.query("""
                SELECT event_id, source_service, kafka_partition, kafka_offset, log_time FROM trail_entry
                ORDER BY source_service, kafka_partition, kafka_offset""", row -> {
            String partition = topicOf.get(row.getString(2)) + "/" + row.getInt(3);
            String where = partition + "/" + row.getLong(4);
            assertThat(firstCopy.get(row.getString(1))).as("where event %s was recorded from", row.getString(1))
                    .isEqualTo(where);
            long expected = Math.max(lastLogTime.getOrDefault(partition, Long.MIN_VALUE), timestampAt.get(where));
            assertThat(row.getLong(5)).as("log_time of %s", where).isEqualTo(expected);
            lastLogTime.put(partition, expected);
        });
        // the log's order is its key's order, and every asset's back-links chain its leaves
        assertThat(jdbc.queryForList("SELECT event_id FROM log_leaf ORDER BY leaf_index", String.class))
                .isEqualTo(jdbc.queryForList("""
                        SELECT event_id FROM trail_entry
                        ORDER BY log_time, source_service COLLATE "C", kafka_partition, kafka_offset""", String.class));
        assertThat(count("""
                SELECT count(*) FROM (
                    SELECT l.asset_previous, lag(l.leaf_index) OVER (PARTITION BY t.asset_id ORDER BY l.leaf_index) AS before
                    FROM log_leaf l JOIN trail_entry t ON t.event_id = l.event_id) links
                WHERE asset_previous IS DISTINCT FROM before""")).isZero();

        // the whole backlog delivered again, in batches as before (a consumer that lost its committed offsets)
        trail.stop();
        await().atMost(Duration.ofSeconds(30)).until(() -> !trail.isRunning());
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> beginning = new HashMap<>();
            partitions().forEach(partition -> beginning.put(partition, new OffsetAndMetadata(0)));
            admin.alterConsumerGroupOffsets(topics.group("backlog"), beginning).all().get();
        }
        trail.start();
        awaitDrained();
        assertThat(count("SELECT count(*) FROM trail_entry")).isEqualTo(distinct);
        assertThat(count("SELECT count(*) FROM processed_event WHERE consumer = 'trail'")).isEqualTo(distinct);
        assertThat(count("SELECT count(*) FROM log_pending")).isZero();
        assertThat(count("SELECT count(*) FROM log_leaf")).isEqualTo(distinct);
    }

    /**
     * Until the group's committed offsets are at the partitions' ends, which the container commits after the
     * transaction that recorded the records before them (asked of Kafka: counting rows would load the database).
     */
    private void awaitDrained() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
                var committed = admin.listConsumerGroupOffsets(topics.group("backlog")).partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || committed.containsKey(end.getKey()) && committed.get(end.getKey()).offset() >= end.getValue().offset());
            });
        }
    }

    private List<TopicPartition> partitions() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics.consumed()) {
            for (int partition = 0; partition < topics.partitions(); partition++) {
                partitions.add(new TopicPartition(topic, partition));
            }
        }
        return partitions;
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrapServers()));
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    private Properties producerConfig() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        config.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED);
        config.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        return config;
    }

    /** A record as sent: its event's id and its Kafka timestamp. */
    private record Sent(String eventId, long timestamp) {
    }
}

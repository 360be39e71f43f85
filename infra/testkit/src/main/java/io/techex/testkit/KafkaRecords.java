package io.techex.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads one Kafka topic from its beginning, for assertions on what was published.
 *
 * <p>It assigns itself every partition of the topic rather than joining a consumer group: no rebalance to wait for,
 * nothing committed, nothing left behind on the broker, and a topic that does not exist yet is picked up once it
 * does (the reader never creates it). Only committed records of transactions are seen, as real consumers see them.
 * Its methods are synchronized, so threads may share one instance.
 *
 * <pre>{@code
 * try (KafkaRecords records = KafkaRecords.read(env.kafkaBootstrapServers(), topic)) {
 *     Received event = records.awaitRecord(r -> r.key().equals(listingId));
 * }
 * }</pre>
 */
public final class KafkaRecords implements AutoCloseable {

    /** How long the {@code await} methods wait when not told. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration PARTITION_CHECK = Duration.ofMillis(500);

    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<Received> seen = new ArrayList<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private long lastPartitionCheck;

    private KafkaRecords(String bootstrapServers, String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG, "techex-testkit-records-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    /** Starts reading {@code topic} from its beginning. */
    public static KafkaRecords read(String bootstrapServers, String topic) {
        return new KafkaRecords(bootstrapServers, topic);
    }

    /** The topic read. */
    public String topic() {
        return topic;
    }

    /** Fetches what has arrived since the last call (waiting at most 100 ms) and returns all records seen so far. */
    public synchronized List<Received> poll() {
        pollOnce();
        return List.copyOf(seen);
    }

    /** All records seen so far, without fetching. */
    public synchronized List<Received> seen() {
        return List.copyOf(seen);
    }

    /**
     * Reads until {@code condition} holds for all records seen so far, waiting at most {@link #DEFAULT_TIMEOUT}.
     *
     * @return all records seen so far
     * @throws AssertionError when the time is up first, saying what was seen
     */
    public List<Received> await(Predicate<? super List<Received>> condition) {
        return await(condition, DEFAULT_TIMEOUT);
    }

    /**
     * Reads until {@code condition} holds for all records seen so far, waiting at most {@code timeout}.
     *
     * @return all records seen so far
     * @throws AssertionError when the time is up first, saying what was seen
     */
    public synchronized List<Received> await(Predicate<? super List<Received>> condition, Duration timeout) {
        if (condition.test(List.copyOf(seen))) {
            return List.copyOf(seen);
        }
        try {
            // In the caller's thread: the consumer must only ever be used by one thread
            Awaitility.await()
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(50))
                    .atMost(timeout)
                    .until(() -> {
                        pollOnce();
                        return condition.test(List.copyOf(seen));
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Condition not met within " + timeout + " on topic " + topic + "; "
                    + describeSeen(), e);
        }
        return List.copyOf(seen);
    }

    /** Reads until at least {@code count} records were seen, waiting at most {@link #DEFAULT_TIMEOUT}. */
    public List<Received> awaitCount(int count) {
        return await(records -> records.size() >= count, DEFAULT_TIMEOUT);
    }

    /** Reads until a record matches, waiting at most {@link #DEFAULT_TIMEOUT}, and returns the first that does. */
    public Received awaitRecord(Predicate<? super Received> match) {
        return awaitRecord(match, DEFAULT_TIMEOUT);
    }

    /** Reads until a record matches, waiting at most {@code timeout}, and returns the first that does. */
    public Received awaitRecord(Predicate<? super Received> match, Duration timeout) {
        return await(records -> records.stream().anyMatch(match), timeout).stream()
                .filter(match)
                .findFirst()
                .orElseThrow();
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }

    private void pollOnce() {
        refreshAssignment();
        if (assigned.isEmpty()) {
            return;
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            seen.add(Received.of(record));
        }
    }

    /** Picks up the topic once it exists, and partitions added to it later. */
    private void refreshAssignment() {
        long now = System.nanoTime();
        if (!assigned.isEmpty() && now - lastPartitionCheck < PARTITION_CHECK.toNanos()) {
            return;
        }
        lastPartitionCheck = now;
        List<PartitionInfo> partitions;
        try {
            partitions = consumer.partitionsFor(topic, POLL);
        } catch (KafkaException notReachableYet) {
            // A broker still starting or restarting: the next round asks again
            return;
        }
        Set<TopicPartition> current = partitions == null ? Set.of() : partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .collect(Collectors.toSet());
        if (!assigned.containsAll(current)) {
            Set<TopicPartition> added = new HashSet<>(current);
            added.removeAll(assigned);
            assigned.addAll(current);
            consumer.assign(assigned);
            consumer.seekToBeginning(added);
        }
    }

    private String describeSeen() {
        if (seen.isEmpty()) {
            return assigned.isEmpty() ? "the topic does not exist" : "no records";
        }
        int from = Math.max(0, seen.size() - 5);
        return seen.size() + " records, the last " + (seen.size() - from) + ": " + seen.subList(from, seen.size());
    }

    /**
     * One record as read.
     *
     * @param topic     its topic
     * @param partition its partition
     * @param offset    its offset in the partition
     * @param timestamp its timestamp, epoch milliseconds
     * @param key       its key as UTF-8 text, or {@code null}
     * @param value     its value, or {@code null} for a tombstone
     * @param headers   its headers, in order
     */
    public record Received(String topic, int partition, long offset, long timestamp, String key, byte[] value,
                           List<Header> headers) {

        public Received {
            value = value == null ? null : value.clone();
            headers = List.copyOf(headers);
        }

        static Received of(ConsumerRecord<byte[], byte[]> record) {
            List<Header> headers = new ArrayList<>();
            record.headers().forEach(h -> headers.add(new Header(h.key(), h.value())));
            return new Received(record.topic(), record.partition(), record.offset(), record.timestamp(),
                    record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8), record.value(),
                    headers);
        }

        @Override
        public byte[] value() {
            return value == null ? null : value.clone();
        }

        /** The value as UTF-8 text, or {@code null}. */
        public String valueAsString() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        /** The last header named {@code name} as UTF-8 text, as Kafka clients read a repeated header. */
        public Optional<String> header(String name) {
            String found = null;
            for (Header header : headers) {
                if (header.key().equals(name)) {
                    found = header.valueAsString();
                }
            }
            return Optional.ofNullable(found);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Received that
                    && partition == that.partition && offset == that.offset && timestamp == that.timestamp
                    && topic.equals(that.topic) && Objects.equals(key, that.key)
                    && Arrays.equals(value, that.value) && headers.equals(that.headers);
        }

        @Override
        public int hashCode() {
            return Objects.hash(topic, partition, offset);
        }

        @Override
        public String toString() {
            return topic + "-" + partition + "@" + offset + " " + key + "=" + valueAsString();
        }
    }

    /**
     * One record header.
     *
     * @param key   its name
     * @param value its value, possibly {@code null}
     */
    public record Header(String key, byte[] value) {

        public Header {
            value = value == null ? null : value.clone();
        }

        @Override
        public byte[] value() {
            return value == null ? null : value.clone();
        }

        /** The value as UTF-8 text, or {@code null}. */
        public String valueAsString() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Header that && key.equals(that.key) && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + valueAsString();
        }
    }
}

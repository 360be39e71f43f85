package io.techex.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The outbox relay. First its capacity, as after a Kafka outage: with listing-service's kafka-relay processor stopped
 * (a command to the exchange's process), {@code bench.relay-backlog} events are copied into the store
 * ({@link ListingStreamCopies}) and the service's other processors handle them; then the relay starts, and the rate at
 * which the records reach techex.listing.events is its throughput (one unmeasured drain first, for the JIT). Each
 * repetition also drafts over HTTP for a while, which gives the most drafts a second. Then the lag at half the maximum
 * load: drafts at a fixed rate, each timed from its 201 to its record on Kafka (a consumer here) and to its row in
 * audit-service's trail (polled every 5 ms). Beside them, Kafka's own producer benchmark with acks=all on the same
 * broker, records of the relay's mean size: as fast as it goes, and at the lag phase's rate.
 */
final class RelayScenario {

    private static final String RELAY = "kafka-relay";

    private final Options options;
    private final ExchangeProcess exchange;
    private final Listings listings;
    private final Anchors anchors;
    private final MemorySampler memory;
    private final LagTracker kafka = new LagTracker();
    private final LagTracker audit = new LagTracker();
    private final LongAdder recordBytes = new LongAdder();
    private final LongAdder records = new LongAdder();
    private final DrainMeter drain = new DrainMeter();
    /** The watcher's position on each partition of the listing topic: the next offset it will read. */
    private final Map<TopicPartition, Long> watched = new ConcurrentHashMap<>();
    private volatile boolean watching = true;

    RelayScenario(Options options, ExchangeProcess exchange, Listings listings, Anchors anchors, MemorySampler memory) {
        this.options = options;
        this.exchange = exchange;
        this.listings = listings;
        this.anchors = anchors;
        this.memory = memory;
    }

    List<Row> run() throws Exception {
        Thread consumer = Thread.ofPlatform().daemon().name("bench-kafka-watch").start(this::watchKafka);
        try {
            return measure();
        } finally {
            watching = false;
            consumer.join(5_000);
        }
    }

    private List<Row> measure() throws Exception {
        int clients = options.clients();
        java.util.function.IntFunction<Http.Response> draft = client -> {
            Http.Response response = listings.draft();
            if (response.status() == 201) {
                String id = response.json().get("listingId").asText();
                long at = System.nanoTime();
                kafka.accepted(id, at);
                audit.accepted(id, at);
            }
            return response;
        };
        memory.underLoad(true);
        ClosedLoop.run(clients, options.warmupSeconds(), 201, draft);
        memory.underLoad(false);
        awaitQuiet();

        List<Double> draftRates = new ArrayList<>();
        List<Double> relayRates = new ArrayList<>();
        List<Long> backlogs = new ArrayList<>();
        long sourceHead;
        try (Connection connection = exchange.connect()) {
            sourceHead = ListingStreamCopies.head(connection);
        }
        // the relay's bulk path is compiled by the JIT only under a backlog: one unmeasured drain first
        System.out.printf("  relay warm-up: %s%n", drainBacklog(sourceHead));
        for (int rep = 0; rep < options.repetitions(); rep++) {
            resetTrackers();
            memory.underLoad(true);
            ClosedLoop.Result drafted = ClosedLoop.run(clients, options.durationSeconds(), 201, draft);
            memory.underLoad(false);
            draftRates.add(drafted.acceptedPerSecond());
            awaitQuiet();

            Drained drained = drainBacklog(sourceHead);
            relayRates.add(drained.perSecond());
            backlogs.add(drained.records());
            System.out.printf("  relay rep %d: %d drafts at %.0f/s over HTTP; %s%n", rep + 1, drafted.accepted(),
                    drafted.acceptedPerSecond(), drained);
        }
        double maxLoad = Math.min(Stats.median(draftRates), Stats.median(relayRates));
        double rate = maxLoad / 2;
        if (!(rate > 0)) {
            throw new IllegalStateException("no drafts were relayed, so there is no maximum load to take half of");
        }
        int recordSize = (int) Math.max(100, recordBytes.sum() / Math.max(1, records.sum()));

        List<Double> kafkaLags = new ArrayList<>();
        List<Double> auditLags = new ArrayList<>();
        List<Double> kafkaRepP99 = new ArrayList<>();
        List<Double> auditRepP99 = new ArrayList<>();
        List<Double> perfMax = new ArrayList<>();
        List<Double> perfAtRateP50 = new ArrayList<>();
        List<Double> perfAtRateP99 = new ArrayList<>();
        int missing = 0;
        String perfTopic = perfTopic();
        for (int rep = 0; rep < options.repetitions(); rep++) {
            resetTrackers();
            memory.underLoad(true);
            boolean drained;
            // its poll every 5 ms is work for PostgreSQL too: the trail is watched only while the lag is measured
            try (TrailWatch trail = new TrailWatch(exchange, (asset, type, bidId, nanos) -> audit.seen(asset, nanos))) {
                OpenLoop.run(rate, options.durationSeconds(), clients, 201, draft);
                drained = kafka.awaitDrained(30_000) & audit.awaitDrained(30_000);
            }
            memory.underLoad(false);
            missing += kafka.outstanding() + audit.outstanding();
            kafkaLags.addAll(kafka.lagsMs());
            auditLags.addAll(audit.lagsMs());
            kafkaRepP99.add(Stats.percentile(kafka.lagsMs(), 99));
            auditRepP99.add(Stats.percentile(audit.lagsMs(), 99));
            System.out.printf("  lag rep %d at %.0f drafts/s: 201→Kafka p50 %.1f p99 %.1f ms, 201→audit p50 %.1f p99 %.1f ms%s%n",
                    rep + 1, rate, Stats.median(kafka.lagsMs()), kafkaRepP99.getLast(), Stats.median(audit.lagsMs()),
                    auditRepP99.getLast(), drained ? "" : " (some never arrived)");
            Anchors.ProducerPerf max = anchors.producerPerformance(perfTopic, 50_000, recordSize, -1);
            Anchors.ProducerPerf atRate = anchors.producerPerformance(perfTopic,
                    Math.max(100, Math.round(rate * options.durationSeconds())), recordSize, rate);
            perfMax.add(max.recordsPerSecond());
            perfAtRateP50.add(atRate.p50Ms());
            perfAtRateP99.add(atRate.p99Ms());
            System.out.printf("  producer-perf acks=all, %d-byte records: %.0f records/s at most; at %.0f/s p50 %.0f p99 %.0f ms%n",
                    recordSize, max.recordsPerSecond(), rate, atRate.p50Ms(), atRate.p99Ms());
        }

        List<Row> rows = new ArrayList<>();
        Row throughput = Row.of("relay-throughput", "event relay, store → Kafka", "relayed events/s (backlog drained)", "1/s", 1,
                        Stats.median(relayRates), Stats.percentile(relayRates, 99), relayRates.size(), relayRates)
                .anchor("kafka-producer-perf-test acks=all, " + recordSize + " B", Stats.median(perfMax), Stats.percentile(perfMax, 99));
        rows.add(throughput.goal("≥ 0.5 × ProducerPerformance", throughput.ratio() != null && throughput.ratio() >= 0.5)
                .note("a backlog of " + Report.number(Stats.median(backlogs.stream().map(Long::doubleValue).toList()))
                        + " records a repetition (median), listings' streams copied in SQL with the relay stopped and"
                        + " listing-service's other processors at the head; records a second from the first seen on Kafka to"
                        + " the last. HTTP drafts/s (" + clients + " clients, the relay running): median "
                        + Report.number(Stats.median(draftRates)) + " " + draftRates.stream().map(Report::number).toList()));
        String at = " at " + Report.number(rate) + " drafts/s (half of max " + Report.number(maxLoad) + ")";
        rows.add(Row.of("relay-lag-kafka", "event relay" + at, "201 → record on Kafka", "ms", clients,
                        Stats.median(kafkaLags), Stats.percentile(kafkaLags, 99), kafkaLags.size(), kafkaRepP99)
                .anchor("producer-perf acks=all latency at the same rate", Stats.median(perfAtRateP50), Stats.median(perfAtRateP99)));
        Row auditRow = Row.of("relay-lag-audit", "event relay" + at, "201 → in audit trail", "ms", clients,
                        Stats.median(auditLags), Stats.percentile(auditLags, 99), auditLags.size(), auditRepP99)
                .anchor("producer-perf acks=all latency at the same rate", Stats.median(perfAtRateP50), Stats.median(perfAtRateP99));
        auditRow = auditRow.goal("p99 ≤ 100 ms", missing == 0 && auditRow.p99() <= 100);
        if (missing > 0) {
            auditRow = auditRow.note(missing + " events not seen within 30 s");
        }
        rows.add(auditRow);
        return rows;
    }

    private void resetTrackers() {
        kafka.reset();
        audit.reset();
    }

    /** Waits until the relay, and the services consuming what it sent, have caught up with everything drafted so far. */
    private void awaitQuiet() throws Exception {
        kafka.awaitDrained(60_000);
        awaitConsumers(endOffsets(), 60_000);
        exchange.awaitAuditLogPlaced(60_000);
    }

    /**
     * What the relay meets when Kafka comes back after an outage: a backlog that only it has not handled. Copies the
     * listings' streams with the relay stopped, waits for listing-service's other processors to handle them, then times
     * the relay from the first record seen on Kafka to the last, and waits for the services consuming them.
     */
    private Drained drainBacklog(long sourceHead) throws Exception {
        exchange.stopProcessor(ExchangeProcess.LISTING, RELAY);
        long head;
        long copied;
        try (Connection connection = exchange.connect()) {
            long times = Math.max(1, Math.round(options.relayBacklog()
                    / (double) Math.max(1, ListingStreamCopies.events(connection, sourceHead))));
            copied = ListingStreamCopies.copy(connection, sourceHead, times);
            head = ListingStreamCopies.head(connection);
        }
        exchange.awaitAllAtHead(ExchangeProcess.LISTING, head, 300);
        Map<TopicPartition, Long> before = endOffsets();
        drain.reset();
        memory.underLoad(true);
        exchange.startProcessor(ExchangeProcess.LISTING, RELAY);
        exchange.awaitAllAtHead(ExchangeProcess.LISTING, head, 300);
        Map<TopicPartition, Long> after = endOffsets();
        boolean all = awaitWatched(after, 60_000);
        memory.underLoad(false);
        double perSecond = drain.perSecond();
        // what comes next should not share the cores with audit-service still recording and sequencing these
        awaitConsumers(after, 300_000);
        exchange.awaitAuditLogPlaced(300_000);
        long records = after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
        return new Drained(copied, records, perSecond, all);
    }

    private record Drained(long events, long records, double perSecond, boolean allSeen) {

        @Override
        public String toString() {
            return String.format("a backlog of %d events (%d records) relayed at %.0f records/s%s", events, records, perSecond,
                    allSeen ? "" : " (not all seen within 60 s)");
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws Exception {
        String topic = exchange.topic("listing");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, exchange.kafkaBootstrap()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (TopicPartitionInfo partition : admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()) {
                latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }

    /** Waits until the watcher has read every partition up to {@code ends}. */
    private boolean awaitWatched(Map<TopicPartition, Long> ends, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (ends.entrySet().stream().allMatch(end -> watched.getOrDefault(end.getKey(), 0L) >= end.getValue())) {
                return true;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Waits until every consumer group of the listing topic has committed up to {@code ends}. */
    private void awaitConsumers(Map<TopicPartition, Long> ends, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, exchange.kafkaBootstrap()))) {
            List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                    .map(GroupListing::groupId).toList();
            for (String group : groups) {
                while (true) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get();
                    boolean reads = ends.keySet().stream().anyMatch(committed::containsKey);
                    boolean caughtUp = ends.entrySet().stream().allMatch(end -> committed.get(end.getKey()) == null
                            || committed.get(end.getKey()).offset() >= end.getValue());
                    if (!reads || caughtUp) {
                        break;
                    }
                    if (System.currentTimeMillis() > deadline) {
                        System.out.printf("  (consumer group %s had not caught up with the relayed backlog)%n", group);
                        return;
                    }
                    Thread.sleep(20);
                }
            }
        }
    }

    /** Records a second between the first and the last one seen since the last reset. */
    private static final class DrainMeter {

        private long count;
        private long first;
        private long last;

        synchronized void seen(long nanos) {
            if (count++ == 0) {
                first = nanos;
            }
            last = nanos;
        }

        synchronized void reset() {
            count = 0;
        }

        synchronized double perSecond() {
            return count < 2 ? Double.NaN : (count - 1) / ((last - first) / 1e9);
        }
    }

    private String perfTopic() throws Exception {
        String topic = exchange.namespace() + ".bench.producer-perf";
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, exchange.kafkaBootstrap());
        try (Admin admin = Admin.create(config)) {
            int partitions = admin.describeTopics(List.of(exchange.topic("listing"))).allTopicNames().get()
                    .get(exchange.topic("listing")).partitions().size();
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        return topic;
    }

    private void watchKafka() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, exchange.kafkaBootstrap());
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(exchange.topic("listing")).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (watching) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    long now = System.nanoTime();
                    if (record.key() != null) {
                        kafka.seen(record.key(), now);
                    }
                    records.increment();
                    recordBytes.add(record.serializedValueSize());
                    drain.seen(now);
                }
                for (TopicPartition partition : partitions) {
                    watched.put(partition, consumer.position(partition));
                }
            }
        }
    }

    Map<String, Object> facts() {
        return Map.of("relayRecordMeanBytes", recordBytes.sum() / Math.max(1, records.sum()));
    }
}

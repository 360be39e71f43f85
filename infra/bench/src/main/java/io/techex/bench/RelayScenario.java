package io.techex.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.LongAdder;

/**
 * The outbox relay. First its capacity: with listing-service's kafka-relay processor stopped (a command to the
 * exchange's process), drafts pile up in the
 * event store for a while (which also gives the most drafts a second the HTTP side takes); then the relay starts and
 * the rate at which the drafts reach techex.listing.events is its throughput. Then the lag at half the maximum load:
 * drafts at a fixed rate, each timed from its 201 to its record on Kafka (a consumer here) and to its row in
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
        try (TrailWatch trail = new TrailWatch(exchange, (asset, type, bidId, nanos) -> audit.seen(asset, nanos))) {
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
        for (int rep = 0; rep < options.repetitions(); rep++) {
            exchange.stopProcessor(ExchangeProcess.LISTING, RELAY);
            resetTrackers();
            memory.underLoad(true);
            ClosedLoop.Result drafted = ClosedLoop.run(clients, options.durationSeconds(), 201, draft);
            exchange.startProcessor(ExchangeProcess.LISTING, RELAY);
            boolean all = kafka.awaitDrained(120_000);
            memory.underLoad(false);
            draftRates.add(drafted.acceptedPerSecond());
            relayRates.add(kafka.seenPerSecond());
            System.out.printf("  relay rep %d: %d drafts at %.0f/s over HTTP, relayed at %.0f events/s%s%n", rep + 1,
                    drafted.accepted(), drafted.acceptedPerSecond(), kafka.seenPerSecond(), all ? "" : " (not all arrived)");
            awaitQuiet();
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
            OpenLoop.run(rate, options.durationSeconds(), clients, 201, draft);
            boolean drained = kafka.awaitDrained(30_000) & audit.awaitDrained(30_000);
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
                .note("HTTP drafts/s with the relay stopped (" + clients + " clients): median " + Report.number(Stats.median(draftRates))
                        + " " + draftRates.stream().map(Report::number).toList()));
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

    /** Waits until the relay and audit-service have caught up with everything drafted so far. */
    private void awaitQuiet() throws InterruptedException {
        kafka.awaitDrained(60_000);
        audit.awaitDrained(60_000);
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
                }
            }
        }
    }

    Map<String, Object> facts() {
        return Map.of("relayRecordMeanBytes", recordBytes.sum() / Math.max(1, records.sum()));
    }
}

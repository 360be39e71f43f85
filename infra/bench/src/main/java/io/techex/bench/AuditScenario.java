package io.techex.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.techex.contracts.EventContracts;
import io.techex.platform.relay.CloudEventMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.DoubleStream;

/**
 * The regulator's reads on an asset with {@code bench.trail-events} events: its whole trail, and an inclusion proof of
 * one of its entries against a signed tree head.
 *
 * <p>The events are ListingDraftRevised v1 CloudEvents (the contract's sample, one listing, revisions 1..n) put on
 * techex.listing.events by a producer here, as the relay would put them: drafting one listing 10,000 times over
 * HTTP would load the aggregate's whole history for every revision (no snapshots), minutes of setup that measure
 * something else. audit-service cannot tell the difference; the time it takes to record them is reported too.
 */
final class AuditScenario {

    private static final String TRAIL_SQL = """
            SELECT t.position, t.event_id, t.event_type, t.source, t.occurred_at, t.actor_person, t.actor_org,
                   t.actor_role, t.data::text, l.leaf_index, l.leaf_hash
            FROM audit.trail_entry t LEFT JOIN audit.log_leaf l ON l.event_id = t.event_id
            WHERE t.asset_id = ? ORDER BY t.occurred_at, t.position""";

    private final Options options;
    private final BenchExchange exchange;
    private final Http http;

    AuditScenario(Options options, BenchExchange exchange, Http http) {
        this.options = options;
        this.exchange = exchange;
        this.http = http;
    }

    List<Row> run() throws Exception {
        int n = options.trailEvents();
        String assetId = UUID.randomUUID().toString();
        List<String> eventIds = new ArrayList<>(n);
        long started = System.nanoTime();
        produce(assetId, n, eventIds);
        double ingestSeconds = awaitCount("SELECT count(*) FROM audit.trail_entry WHERE asset_id = ?", assetId, n, 180);
        double ingestRate = n / ingestSeconds;
        System.out.printf("audit: %d events of one asset recorded in %.1f s (%.0f/s)%n", n, ingestSeconds, ingestRate);
        awaitCount("SELECT count(*) FROM audit.log_leaf l JOIN audit.trail_entry t ON t.event_id = l.event_id WHERE t.asset_id = ?",
                assetId, n, 180);
        String audit = exchange.baseUrl(BenchExchange.AUDIT);
        Http.Response head = http.send("POST", audit + "/audit/log/tree-heads", null, Listings.REGULATOR);
        if (head.status() != 201 && head.status() != 200) {
            throw new IllegalStateException("No tree head signed: " + head.status() + " " + head.body());
        }
        int entries = http.expect(200, "GET", audit + "/audit/assets/" + assetId + "/trail", null, Listings.REGULATOR)
                .json().path("entries").size();

        List<double[]> trail = new ArrayList<>();
        List<double[]> sql = new ArrayList<>();
        List<double[]> proof = new ArrayList<>();
        for (int rep = 0; rep < options.repetitions(); rep++) {
            trail.add(timed(options.durationSeconds(), 200, () ->
                    http.expect(200, "GET", audit + "/audit/assets/" + assetId + "/trail", null, Listings.REGULATOR).nanos() / 1e6));
            sql.add(timed(Math.max(1, options.durationSeconds() / 2), 200, () -> querySql(assetId)));
            proof.add(timed(options.durationSeconds(), 2_000, () -> {
                String eventId = eventIds.get(ThreadLocalRandom.current().nextInt(eventIds.size()));
                return http.expect(200, "GET", audit + "/audit/log/proofs/inclusion?eventId="
                        + URLEncoder.encode(eventId, StandardCharsets.UTF_8), null, Listings.REGULATOR).nanos() / 1e6;
            }));
            System.out.printf("  audit rep %d: trail p99 %.0f ms (SQL alone p99 %.0f ms), inclusion proof p99 %.1f ms%n", rep + 1,
                    Stats.percentile(trail.getLast(), 99), Stats.percentile(sql.getLast(), 99), Stats.percentile(proof.getLast(), 99));
        }
        double[] trailAll = flat(trail);
        double[] sqlAll = flat(sql);
        double[] proofAll = flat(proof);
        List<Row> rows = new ArrayList<>();
        rows.add(Row.of("audit-ingest", "audit trail, one asset", "events recorded/s (" + n + " on one partition)", "1/s", 1,
                ingestRate, ingestRate, n, List.of(ingestRate)).note("one repetition: the seed"));
        rows.add(Row.of("audit-trail", "audit trail, " + entries + " events", "GET trail latency", "ms", 1,
                        Stats.median(trailAll), Stats.percentile(trailAll, 99), trailAll.length, perRepP99(trail))
                .anchor("the trail's SQL alone over JDBC", Stats.median(sqlAll), Stats.percentile(sqlAll, 99)));
        rows.add(Row.of("audit-proof", "audit log, " + head.json().path("treeSize").asLong() + " leaves", "inclusion proof latency", "ms", 1,
                Stats.median(proofAll), Stats.percentile(proofAll, 99), proofAll.length, perRepP99(proof)));
        System.out.printf("audit: done %.0f s after seeding began%n", (System.nanoTime() - started) / 1e9);
        return rows;
    }

    private void produce(String assetId, int n, List<String> eventIds) {
        ObjectNode sample = EventContracts.find("io.techex.listing.ListingDraftRevised.v1").orElseThrow().sample().deepCopy();
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, exchange.kafkaBootstrap());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        config.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED);
        config.put(CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(config)) {
            for (int i = 1; i <= n; i++) {
                ObjectNode data = sample.deepCopy();
                data.put("listingId", assetId).put("revision", i);
                String id = UUID.randomUUID().toString();
                eventIds.add(id);
                CloudEvent event = CloudEventBuilder.v1()
                        .withId(id)
                        .withSource(URI.create("/techex/listing-service"))
                        .withType("io.techex.listing.ListingDraftRevised.v1")
                        .withSubject(assetId)
                        .withTime(OffsetDateTime.now(ZoneOffset.UTC))
                        .withDataContentType("application/json")
                        .withData(data.toString().getBytes(StandardCharsets.UTF_8))
                        .withExtension(CloudEventMapper.PARTITION_KEY, assetId)
                        .withExtension(CloudEventMapper.ACTOR_PERSON, Listings.UNIVERSITY)
                        .withExtension(CloudEventMapper.ACTOR_ORGANISATION, "hust")
                        .withExtension(CloudEventMapper.ACTOR_ROLE, "UNIVERSITY")
                        .build();
                producer.send(new ProducerRecord<>(exchange.topic("listing"), assetId, event));
            }
            producer.flush();
        }
    }

    /** Seconds until {@code sql} (one parameter) counts {@code n}, measured from now. */
    private double awaitCount(String sql, String assetId, int n, int timeoutSeconds) throws Exception {
        long started = System.nanoTime();
        long deadline = started + timeoutSeconds * 1_000_000_000L;
        try (Connection connection = exchange.connect(); PreparedStatement count = connection.prepareStatement(sql)) {
            count.setString(1, assetId);
            long seen = 0;
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    seen = rows.getLong(1);
                }
                if (seen >= n) {
                    return (System.nanoTime() - started) / 1e9;
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("Only " + seen + " of " + n + " after " + timeoutSeconds + " s: " + sql);
        }
    }

    private double querySql(String assetId) {
        long started = System.nanoTime();
        try (Connection connection = exchange.connect(); PreparedStatement query = connection.prepareStatement(TRAIL_SQL)) {
            started = System.nanoTime();
            query.setString(1, assetId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    rows.getString(9);
                    rows.getBytes(11);
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return (System.nanoTime() - started) / 1e6;
    }

    /** Sequential calls for {@code seconds} (at most {@code max}), each returning its latency in ms. */
    private static double[] timed(int seconds, int max, java.util.function.DoubleSupplier call) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        DoubleStream.Builder latencies = DoubleStream.builder();
        int n = 0;
        do {
            latencies.add(call.getAsDouble());
            n++;
        } while (System.nanoTime() < deadline && n < max);
        return latencies.build().toArray();
    }

    private static double[] flat(List<double[]> reps) {
        return reps.stream().flatMapToDouble(DoubleStream::of).toArray();
    }

    private static List<Double> perRepP99(List<double[]> reps) {
        return reps.stream().map(r -> Stats.percentile(r, 99)).toList();
    }
}

package io.techex.audit.trail;

import io.cloudevents.CloudEvent;
import io.techex.audit.AuditTestSupport;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

import static io.techex.audit.AuditTestSupport.getBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A benchmark, not a test: surefire's default includes (*Test, *Tests) leave it out of the build, and it asserts no
 * time. Run it on its own: {@code ./mvnw -q -pl audit-service -am verify -Dtest=TrailReadBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} ({@code -Dtrail.events=10000 -Dtrail.others=40000 -Dtrail.reads=100}).
 *
 * <p>One asset gets {@code trail.events} events and {@code trail.others} events of other assets make the log bigger,
 * all through Kafka, the recorder and the sequencer, on the real PostgreSQL. Then, while events of other assets keep
 * arriving (about 200 a second, the recorder and sequencer busy as under the bid load), it prints median and p99 of:
 * the SQL before (a plain join) and of V9 (the leaf looked up per entry); the read before (the whole trail built and
 * serialised by Jackson), now (streamed, the asset's leaves read first, V11, the texts copied as the database's bytes)
 * and decoded (streamed, each text decoded and encoded again, each time parsed and printed: the read before the bytes),
 * in-process with the CPU time of the reading thread; and the GET over HTTP now: whole, gzipped, and repeated with
 * If-None-Match (304), with the CPU the service's request threads spent (the test kit's OpenAPI conformance check of
 * each answer included).
 */
@IntegrationTest
class TrailReadBenchmark {

    private static final String OLD_SQL = """
            SELECT t.position, t.event_id, t.event_type, t.source, t.occurred_at, t.actor_person, t.actor_org,
                   t.actor_role, t.data::text, l.leaf_index, l.leaf_hash
            FROM trail_entry t LEFT JOIN log_leaf l ON l.event_id = t.event_id
            WHERE t.asset_id = ? ORDER BY t.occurred_at, t.position""";
    private static final String NEW_SQL = """
            SELECT t.position, t.event_id, t.event_type, t.source, t.occurred_at, t.actor_person, t.actor_org,
                   t.actor_role, t.data::text, l.leaf_index, l.leaf_hash
            FROM trail_entry t
            LEFT JOIN LATERAL (SELECT leaf_index, leaf_hash FROM log_leaf WHERE log_leaf.event_id = t.event_id LIMIT 1) l ON true
            WHERE t.asset_id = ? ORDER BY t.occurred_at, t.position""";

    private static final String DECODED_SQL = """
            SELECT t.position, t.event_id, t.event_type, t.source, t.occurred_at, t.actor_person, t.actor_org,
                   t.actor_role, t.data::text
            FROM trail_entry t WHERE t.asset_id = ? ORDER BY t.occurred_at, t.position""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AssetTrails trails;
    @Autowired
    JsonMapper mapper;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    KafkaTemplate<String, CloudEvent> cloudEvents;
    @Autowired
    Topics topics;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Test
    void readTheTrailOfOneBigAsset() throws Exception {
        int events = Integer.getInteger("trail.events", 10_000);
        int otherEvents = Integer.getInteger("trail.others", 40_000);
        int reads = Integer.getInteger("trail.reads", 100);
        String assetId = UUID.randomUUID().toString();
        long seeding = System.nanoTime();
        Instant start = Instant.now().minusSeconds(events + otherEvents);
        String[] others = new String[500];
        Arrays.setAll(others, i -> UUID.randomUUID().toString());
        int every = Math.max(1, (events + otherEvents) / events);
        int mine = 0;
        for (int i = 0; mine < events || i < events + otherEvents; i++) {
            // the asset's events spread among the others, as a long auction's bids are among the exchange's
            boolean its = mine < events && i % every == 0;
            mine += its ? 1 : 0;
            send(its ? assetId : others[i % others.length], start.plusSeconds(i));
        }
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject("""
                SELECT count(*) FROM trail_entry t JOIN log_leaf l ON l.event_id = t.event_id WHERE t.asset_id = ?""",
                Integer.class, assetId) >= events);
        jdbc.execute("ANALYZE");
        int leaves = jdbc.queryForObject("SELECT count(*) FROM log_leaf", Integer.class);
        System.out.printf("%nbenchmark: %d events of one asset, %d leaves in the log, seeded in %.0f s%n", events, leaves,
                (System.nanoTime() - seeding) / 1e9);

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        Thread load = Thread.ofPlatform().name("bench-load").start(() -> {
            long next = System.nanoTime();
            while (loading.get()) {
                send(others[sent.incrementAndGet() % others.length], Instant.now());
                next += 5_000_000;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        });
        long loadStarted = System.nanoTime();
        try {
            String path = "/audit/assets/" + assetId + "/trail";
            plan(assetId);
            measure("SQL before (join)", reads, () -> sql(OLD_SQL, assetId), null);
            measure("SQL of V9 (leaf per entry)", reads, () -> sql(NEW_SQL, assetId), null);
            measure("read before (built, serialised)", reads, () -> {
                long cpu = threads.getCurrentThreadCpuTime();
                byte[] json = mapper.writeValueAsBytes(oldFind(assetId));
                assertThat(json.length).isGreaterThan(events * 100);
                return threads.getCurrentThreadCpuTime() - cpu;
            }, "CPU of the reading thread");
            // twice each, in turn: the difference is a few ms of CPU, less than what one pass varies
            for (int round = 1; round <= 2; round++) {
                measure("read now (streamed) " + round, reads, () -> {
                    long cpu = threads.getCurrentThreadCpuTime();
                    streamed(assetId);
                    return threads.getCurrentThreadCpuTime() - cpu;
                }, "CPU of the reading thread");
                measure("read decoded (streamed) " + round, reads, () -> {
                    long cpu = threads.getCurrentThreadCpuTime();
                    decodedStreamed(assetId);
                    return threads.getCurrentThreadCpuTime() - cpu;
                }, "CPU of the reading thread");
            }
            String[] etag = new String[1];
            AtomicInteger changed = new AtomicInteger();
            measure("GET now", reads, () -> {
                long cpu = requestThreadsCpu();
                HttpResponse<byte[]> answer = getBytes(port, path, TestTokens.REGULATOR);
                assertThat(answer.statusCode()).isEqualTo(200);
                etag[0] = answer.headers().firstValue("ETag").orElseThrow();
                return requestThreadsCpu() - cpu;
            }, "CPU of the service's request threads");
            measure("GET now, gzip", reads, () -> {
                long cpu = requestThreadsCpu();
                HttpResponse<byte[]> answer = getBytes(port, path, TestTokens.REGULATOR, "Accept-Encoding", "gzip");
                assertThat(answer.statusCode()).isEqualTo(200);
                return requestThreadsCpu() - cpu;
            }, "CPU of the service's request threads");
            measure("GET now, If-None-Match", reads, () -> {
                long cpu = requestThreadsCpu();
                HttpResponse<byte[]> answer = getBytes(port, path, TestTokens.REGULATOR, "If-None-Match", etag[0]);
                // a tree head signed meanwhile (every minute while the log grows) is a new version: 200 and a new tag
                if (answer.statusCode() == 200) {
                    changed.incrementAndGet();
                    etag[0] = answer.headers().firstValue("ETag").orElseThrow();
                } else {
                    assertThat(answer.statusCode()).isEqualTo(304);
                }
                return requestThreadsCpu() - cpu;
            }, "CPU of the service's request threads");
            System.out.printf("benchmark: %d of the If-None-Match reads were 200 (the trail had a new version)%n", changed.get());
        } finally {
            loading.set(false);
            load.join();
        }
        System.out.printf("benchmark: %.0f events/s of other assets arrived meanwhile%n",
                sent.get() / ((System.nanoTime() - loadStarted) / 1e9));
    }

    /** A BidPlaced of the contract's sample, as the bidding relay would publish it (the recorder checks the contract). */
    private void send(String asset, Instant time) {
        cloudEvents.send(topics.eventsOf("bidding"), asset, AuditTestSupport.sampled("io.techex.bidding.BidPlaced.v1", asset,
                time, "bidder", "kyoto-materials", "FIRM", "auctionId", asset, "bidId", UUID.randomUUID().toString()));
    }

    private void plan(String assetId) {
        for (String sql : List.of(OLD_SQL, NEW_SQL)) {
            System.out.println("benchmark: EXPLAIN ANALYZE");
            jdbc.queryForList("EXPLAIN (ANALYZE, BUFFERS) " + sql, String.class, assetId).forEach(line -> System.out.println("  " + line));
        }
    }

    private long sql(String sql, String assetId) {
        long[] rows = new long[1];
        jdbc.query(sql, row -> {
            row.getString(9);
            row.getBytes(11);
            rows[0]++;
        }, assetId);
        return rows[0];
    }

    /** The read as it was: the plain join, every entry in a list, then the whole AssetTrail to Jackson. */
    private AssetTrail oldFind(String assetId) {
        List<AssetTrail.Entry> entries = jdbc.query(OLD_SQL,
                (row, n) -> new AssetTrail.Entry(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getTimestamp(5).toInstant(),
                        row.getString(6) == null ? null : new AssetTrail.Actor(row.getString(6), row.getString(7), row.getString(8)),
                        row.getString(9), (Long) row.getObject(10),
                        row.getBytes(11) == null ? null : Base64.getEncoder().encodeToString(row.getBytes(11))), assetId);
        return new AssetTrail(assetId, null, null, null, entries);
    }

    private void streamed(String assetId) {
        try (var json = mapper.createGenerator(OutputStream.nullOutputStream())) {
            json.writeStartArray();
            trails.forEachStoredEntry(assetId, TrailQuery.all(), entry -> TrailEntryJson.write(json, entry));
            json.writeEndArray();
        }
    }

    /**
     * The streamed read as it was before the texts went through as the database's bytes: each text decoded to a String
     * and encoded again by Jackson, each time parsed by the driver and printed by {@link InstantText#of}.
     */
    private void decodedStreamed(String assetId) {
        TransactionTemplate transaction = new TransactionTemplate(transactions);
        transaction.setReadOnly(true);
        JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
        cursor.setFetchSize(AssetTrails.FETCH_SIZE);
        try (var json = mapper.createGenerator(OutputStream.nullOutputStream())) {
            json.writeStartArray();
            transaction.executeWithoutResult(status -> {
                cursor.execute("SET LOCAL enable_sort = off");
                Map<String, Object[]> leaves = new HashMap<>();
                cursor.query("SELECT event_id, leaf_index, leaf_hash FROM log_asset_leaf WHERE asset_id = ?",
                        (RowCallbackHandler) row -> leaves.put(row.getString(1), new Object[]{row.getLong(2), row.getBytes(3)}), assetId);
                cursor.query(DECODED_SQL, (RowCallbackHandler) row -> {
                    Object[] leaf = leaves.get(row.getString(2));
                    json.writeStartObject();
                    json.writeNumberProperty("position", row.getLong(1));
                    json.writeStringProperty("eventId", row.getString(2));
                    json.writeStringProperty("type", row.getString(3));
                    json.writeStringProperty("source", row.getString(4));
                    json.writeStringProperty("occurredAt", InstantText.of(row.getTimestamp(5).toInstant()));
                    json.writeObjectPropertyStart("actor");
                    json.writeStringProperty("person", row.getString(6));
                    json.writeStringProperty("organisation", row.getString(7));
                    json.writeStringProperty("role", row.getString(8));
                    json.writeEndObject();
                    json.writeName("data");
                    json.writeRawValue(new RawJson(row.getBytes(9)));
                    json.writeNumberProperty("leafIndex", (Long) leaf[0]);
                    json.writeBinaryProperty("leafHash", (byte[]) leaf[1]);
                    json.writeEndObject();
                }, assetId);
            });
            json.writeEndArray();
        }
    }

    private long requestThreadsCpu() {
        long total = 0;
        for (var info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("http-nio")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /** {@code call} returns what it measured besides the wall time (CPU ns), or anything when {@code cpuLabel} is null. */
    private static void measure(String what, int n, LongSupplier call, String cpuLabel) {
        for (int i = 0; i < Math.max(3, n / 10); i++) {
            call.getAsLong();
        }
        double[] wall = new double[n];
        double[] cpu = new double[n];
        for (int i = 0; i < n; i++) {
            long started = System.nanoTime();
            cpu[i] = call.getAsLong() / 1e6;
            wall[i] = (System.nanoTime() - started) / 1e6;
        }
        System.out.printf("benchmark: %-34s n=%d  median %7.1f ms  p99 %7.1f ms%s%n", what, n, percentile(wall, 50),
                percentile(wall, 99), cpuLabel == null ? ""
                        : String.format("   %s: median %.1f ms, p99 %.1f ms", cpuLabel, percentile(cpu, 50), percentile(cpu, 99)));
    }

    /** Nearest rank, as infra/bench's Stats. */
    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}

package io.techex.audit.trail;

import io.micrometer.core.instrument.MeterRegistry;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.techex.audit.AuditTestSupport.getBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A long trail read again unchanged (after the read that kept it) is answered from {@link TrailCache}, byte for byte
 * what the database gives; once it changed, never from the cache, including by entries that two transactions added
 * at once.
 */
@IntegrationTest
class TrailCacheTest {

    private static final Instant START = Instant.parse("2026-04-01T08:00:00Z");
    private static final String INSERT = """
            INSERT INTO trail_entry (event_id, asset_id, event_type, source, occurred_at, actor_person, actor_org,
                actor_role, data) VALUES (?, ?, 'io.techex.bidding.BidPlaced.v1', '/techex/bidding-service', ?,
                'bidder', 'kyoto-materials', 'FIRM', ?::jsonb)""";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    AssetTrails trails;
    @Autowired
    JsonMapper mapper;
    @Autowired
    MeterRegistry registry;

    @Test
    void anUnchangedLongTrailIsAnsweredFromTheCacheAndAChangedOneNeverIs() throws Exception {
        String assetId = UUID.randomUUID().toString();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            rows.add(new Object[]{UUID.randomUUID().toString(), assetId, Timestamp.from(START.plusSeconds(i)),
                    "{\"round\":" + i + ",\"note\":\"" + "Đấu giá quyền sử dụng sáng chế ".repeat(8) + "\"}"});
        }
        jdbc.batchUpdate(INSERT, rows);
        String path = "/audit/assets/" + assetId + "/trail";

        HttpResponse<byte[]> first = getBytes(port, path, TestTokens.REGULATOR);
        assertThat(first.body().length).as("long enough to be kept").isGreaterThan(262_144);
        double hits = hits();
        assertThat(getBytes(port, path, TestTokens.REGULATOR).body()).as("kept the second time").isEqualTo(first.body());
        assertThat(hits()).isEqualTo(hits);
        HttpResponse<byte[]> second = getBytes(port, path, TestTokens.REGULATOR);
        assertThat(hits()).isEqualTo(hits + 1);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(new String(second.body(), StandardCharsets.UTF_8)).isEqualTo(serialised(assetId));
        assertThat(second.headers().firstValue("ETag")).isEqualTo(first.headers().firstValue("ETag"));

        // two transactions add entries of the same asset: the one that took its position later waits for the other to
        // commit (the trail's size, V14, is one row an asset), so a read sees neither or both, and never the cache's
        try (Connection early = dataSource.getConnection()) {
            early.setAutoCommit(false);
            String earlyEventId = UUID.randomUUID().toString();
            insert(early, earlyEventId, assetId, START.plusSeconds(5_000));
            String laterEventId = UUID.randomUUID().toString();
            CompletableFuture<Integer> later = CompletableFuture.supplyAsync(() -> jdbc.update(INSERT, laterEventId,
                    assetId, Timestamp.from(START.plusSeconds(5_001)), "{}"));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("""
                    SELECT count(*) FROM pg_stat_activity
                    WHERE datname = current_database() AND wait_event_type = 'Lock'
                        AND query LIKE 'INSERT INTO trail_entry%'""",
                    Integer.class) > 0);
            HttpResponse<byte[]> withoutThem = getBytes(port, path, TestTokens.REGULATOR);
            assertThat(new String(withoutThem.body(), StandardCharsets.UTF_8)).isEqualTo(serialised(assetId))
                    .doesNotContain(earlyEventId).doesNotContain(laterEventId);
            early.commit();
            assertThat(later.get(30, TimeUnit.SECONDS)).isEqualTo(1);

            hits = hits();
            HttpResponse<byte[]> withThem = getBytes(port, path, TestTokens.REGULATOR);
            assertThat(hits()).isEqualTo(hits);
            assertThat(new String(withThem.body(), StandardCharsets.UTF_8)).isEqualTo(serialised(assetId))
                    .contains(earlyEventId).contains(laterEventId);
            assertThat(withThem.headers().firstValue("ETag")).isNotEqualTo(withoutThem.headers().firstValue("ETag"));
        }

        // another question about the same trail is another answer
        String filtered = path + "?from=" + START.plusSeconds(500);
        HttpResponse<byte[]> part = getBytes(port, filtered, TestTokens.REGULATOR);
        assertThat(new String(part.body(), StandardCharsets.UTF_8))
                .isEqualTo(mapper.writeValueAsString(trails.find(assetId, new TrailQuery(START.plusSeconds(500), null, null, null, null))
                        .orElseThrow()));
        assertThat(part.body().length).isLessThan(first.body().length);
    }

    private static void insert(Connection connection, String eventId, String assetId, Instant at) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, eventId);
            insert.setString(2, assetId);
            insert.setTimestamp(3, Timestamp.from(at));
            insert.setString(4, "{\"late\":true}");
            insert.executeUpdate();
        }
    }

    private double hits() {
        return registry.get("techex.audit.trail.cache.reads").tag("result", "hit").counter().count();
    }

    private String serialised(String assetId) {
        return mapper.writeValueAsString(trails.find(assetId, TrailQuery.all()).orElseThrow());
    }
}

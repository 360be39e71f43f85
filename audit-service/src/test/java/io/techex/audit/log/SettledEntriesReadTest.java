package io.techex.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sequencer round reads the trail entries it appends and no others, however long the trail has grown since its
 * statement was planned: as the service's connection runs it, prepared while the trail and the queue were empty
 * (the service starts polling at once) and kept. Planned as a join there, every round with an entry in it scanned
 * the whole trail.
 */
class SettledEntriesReadTest {

    private static final int TRAIL = 20_000;
    private static final int QUEUED = 50;

    private static TestEnvironment env;

    @BeforeAll
    static void database() {
        env = TestInfrastructure.get().newEnvironment("settledread");
        Flyway.configure().dataSource(env.jdbcUrl(), env.username(), env.password())
                .schemas("audit").defaultSchema("audit").locations("classpath:db/platform", "classpath:db/audit")
                .initSql("SET techex.service_role = 'techex_audit'")
                // as the service migrates (audit-service.yml): V9 builds an index concurrently, which would wait
                // forever for the transaction holding Flyway's lock
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .load().migrate();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"force_generic_plan", "force_custom_plan"})
    void aRoundReadsItsOwnTrailEntriesOnlyWhateverThePlan(String planCacheMode) throws Exception {
        try (Connection connection = DriverManager.getConnection(env.jdbcUrl(), env.username(), env.password());
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL search_path TO audit");
            // the statistics stay those of empty tables, as on these machines, where nothing analyzes
            statement.execute("ALTER TABLE trail_entry SET (autovacuum_enabled = false)");
            statement.execute("ALTER TABLE log_pending SET (autovacuum_enabled = false)");
            statement.execute("SET LOCAL plan_cache_mode = " + planCacheMode);
            statement.execute("PREPARE settled(bigint, int) AS "
                    + LogSequencer.SETTLED_ENTRIES.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
            assertThat(eventIds(statement, "EXECUTE settled(9000000000000, 5000)"))
                    .as("planned on the empty queue, as at the service's start").isEmpty();

            // a long trail, the last of it still queued, in reverse order of insertion: the round goes by log time
            statement.execute("""
                    INSERT INTO trail_entry (event_id, asset_id, event_type, source, occurred_at, data,
                                             source_service, kafka_partition, kafka_offset, log_time, canonical)
                    SELECT 'event-' || g, 'asset-' || mod(g, 100), 'io.techex.bidding.BidPlaced.v1', '/bidding-service',
                           now(), '{}', 'bidding', 0, g, g, '{"n":' || g || '}'
                    FROM generate_series(1, %d) g""".formatted(TRAIL));
            statement.execute("""
                    INSERT INTO log_pending (event_id, log_time, source_service, kafka_partition, kafka_offset)
                    SELECT 'event-' || g, g, 'bidding', 0, g FROM generate_series(%d, %d, -1) g"""
                    .formatted(TRAIL, TRAIL - QUEUED + 1));

            List<String> expected = new ArrayList<>();
            for (int n = TRAIL - QUEUED + 1; n <= TRAIL; n++) {
                expected.add("event-" + n);
            }
            assertThat(eventIds(statement, "EXECUTE settled(9000000000000, 5000)")).isEqualTo(expected);
            assertThat(eventIds(statement, "EXECUTE settled(" + (TRAIL - QUEUED + 11) + ", 5000)"))
                    .as("only what lies before the horizon").isEqualTo(expected.subList(0, 10));
            assertThat(eventIds(statement, "EXECUTE settled(9000000000000, 7)"))
                    .as("at most a round").isEqualTo(expected.subList(0, 7));

            String plan;
            try (ResultSet explained = statement.executeQuery(
                    "EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE settled(9000000000000, 5000)")) {
                explained.next();
                plan = explained.getString(1);
            }
            assertThat(trailRowsRead(new ObjectMapper().readTree(plan).get(0).get("Plan")))
                    .as("trail entries read for a round of %d over a trail of %d, plan %s", QUEUED, TRAIL, plan)
                    .isEqualTo(QUEUED);
            connection.rollback();
        }
    }

    private static List<String> eventIds(Statement statement, String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** Rows the plan's scans of {@code trail_entry} returned, over all their loops. */
    private static long trailRowsRead(JsonNode node) {
        long rows = 0;
        if ("trail_entry".equals(node.path("Relation Name").asText())) {
            rows += node.get("Actual Rows").asLong() * node.get("Actual Loops").asLong();
        }
        for (JsonNode child : node.path("Plans")) {
            rows += trailRowsRead(child);
        }
        return rows;
    }
}

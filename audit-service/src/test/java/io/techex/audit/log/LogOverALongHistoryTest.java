package io.techex.audit.log;

import io.techex.audit.AuditDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log's statements read what they work on and no more, however long the trail and the log have grown since they
 * were planned. The service's connections plan them early, on a short trail and log, and keep the plans: the
 * driver's prepared statements, and PL/pgSQL's for the statements of the log's triggers. Planned as joins there, every
 * sequencer round with an entry in it scanned the whole trail; bounded on one side only, every read of new leaves
 * scanned the whole log. Each test has a database of its own, so that the tables are short when its plans are made.
 */
class LogOverALongHistoryTest {

    private static final int TRAIL = 20_000;
    private static final int ROUND = 50;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"force_generic_plan", "force_custom_plan"})
    void aRoundReadsItsOwnTrailEntriesOnlyWhateverThePlan(String planCacheMode) throws Exception {
        try (Connection connection = auditDatabase("roundread"); Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL plan_cache_mode = " + planCacheMode);
            statement.execute("PREPARE settled(bigint, int) AS "
                    + LogSequencer.SETTLED_ENTRIES.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
            assertThat(firstColumn(statement, "EXECUTE settled(9000000000000, 5000)"))
                    .as("planned on the empty queue, as at the service's start").isEmpty();

            // a long trail, the last of it still queued, in reverse order of insertion: the round goes by log time
            addTrail(statement, 1, TRAIL);
            statement.execute("""
                    INSERT INTO log_pending (event_id, log_time, source_service, kafka_partition, kafka_offset)
                    SELECT 'event-' || g, g, 'bidding', 0, g FROM generate_series(%d, %d, -1) g"""
                    .formatted(TRAIL, TRAIL - ROUND + 1));

            List<String> expected = new ArrayList<>();
            for (int n = TRAIL - ROUND + 1; n <= TRAIL; n++) {
                expected.add("event-" + n);
            }
            assertThat(firstColumn(statement, "EXECUTE settled(9000000000000, 5000)")).isEqualTo(expected);
            assertThat(firstColumn(statement, "EXECUTE settled(" + (TRAIL - ROUND + 11) + ", 5000)"))
                    .as("only what lies before the horizon").isEqualTo(expected.subList(0, 10));
            assertThat(firstColumn(statement, "EXECUTE settled(9000000000000, 7)"))
                    .as("at most a round").isEqualTo(expected.subList(0, 7));

            assertThat(AuditDatabase.rowsRead(statement, "EXECUTE settled(9000000000000, 5000)", "trail_entry"))
                    .as("trail entries read for a round of %d over a trail of %d", ROUND, TRAIL).isEqualTo(ROUND);
            connection.rollback();
        }
    }

    @Test
    void aRoundsLeavesAreCopiedByAssetFromTheirOwnTrailEntriesOnly() throws Exception {
        try (Connection connection = auditDatabase("leafcopy"); Statement statement = connection.createStatement()) {
            // the first round on a short trail: the copy into log_asset_leaf is planned here and the plan kept
            addTrail(statement, 1, 10);
            addLeaves(statement, 1, 10);
            addTrail(statement, 11, TRAIL);

            long[] before = trailReads(statement);
            addLeaves(statement, 11, 10 + ROUND);
            long[] after = trailReads(statement);
            assertThat(after[0] - before[0])
                    .as("trail entries read by sequential scans for a round of %d over a trail of %d", ROUND, TRAIL)
                    .isZero();
            assertThat(after[1] - before[1]).as("trail entries fetched through an index: the leaves' foreign key and"
                    + " the copy's lookup, one each a leaf").isEqualTo(2L * ROUND);

            try (ResultSet copied = statement.executeQuery("""
                    SELECT count(*) FILTER (WHERE a.asset_id = 'asset-' || mod(substr(a.event_id, 7)::int, 100)),
                           count(*)
                    FROM log_asset_leaf a WHERE a.leaf_index >= 10""")) {
                copied.next();
                assertThat(copied.getLong(2)).as("leaves copied").isEqualTo(ROUND);
                assertThat(copied.getLong(1)).as("copied under their event's asset").isEqualTo(ROUND);
            }
            connection.rollback();
        }
    }

    @Test
    void theTreeReadsTheLeavesItHasNotSeenOnly() throws Exception {
        try (Connection connection = auditDatabase("logtree"); Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE leaves(bigint, bigint) AS "
                    + LogTree.LEAVES_BETWEEN.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
            assertThat(firstColumn(statement, "EXECUTE leaves(0, 10)")).as("planned on the empty log").isEmpty();
            LogTree stepped = new LogTree(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
            assertThat(stepped.size()).isZero();
            addTrail(statement, 1, TRAIL);
            addLeaves(statement, 1, 10);
            assertThat(stepped.size()).isEqualTo(10);
            addLeaves(statement, 11, TRAIL);

            String newest = "EXECUTE leaves(" + (TRAIL - ROUND) + ", " + TRAIL + ")";
            assertThat(AuditDatabase.rowsRead(statement, newest, "log_leaf"))
                    .as("leaves read for the %d newest of %d", ROUND, TRAIL).isEqualTo(ROUND);
            assertThat(firstColumn(statement, "EXECUTE leaves(" + (TRAIL - 3) + ", " + TRAIL + ")"))
                    .as("leaf indexes, in order").containsExactly(
                            String.valueOf(TRAIL - 3), String.valueOf(TRAIL - 2), String.valueOf(TRAIL - 1));

            // the tree brought up to date in steps is the tree read at once
            assertThat(stepped.size()).isEqualTo(TRAIL);
            LogTree atOnce = new LogTree(new JdbcTemplate(new SingleConnectionDataSource(connection, true)));
            assertThat(atOnce.current().root(TRAIL)).isEqualTo(stepped.current().root(TRAIL));
            connection.rollback();
        }
    }

    /** A connection in a transaction to a new database migrated as audit-service's, the statistics kept as they are. */
    private static Connection auditDatabase(String hint) throws SQLException {
        return AuditDatabase.migrated(hint).connect();
    }

    private static void addTrail(Statement statement, int from, int to) throws SQLException {
        statement.execute(AuditDatabase.trailInsert("'asset-' || mod(g, 100)", from, to));
    }

    /** Leaves {@code from - 1} to {@code to - 1}, for the events of those numbers, in one statement as a round's. */
    private static void addLeaves(Statement statement, int from, int to) throws SQLException {
        statement.execute("""
                INSERT INTO log_leaf (leaf_index, event_id, leaf_hash, leaf_version)
                SELECT n - 1, 'event-' || n, sha256(n::text::bytea), 2
                FROM generate_series(%d, %d) n""".formatted(from, to));
    }

    /** Trail entries this transaction has read so far: by sequential scans, and fetched through indexes. */
    private static long[] trailReads(Statement statement) throws SQLException {
        try (ResultSet stats = statement.executeQuery("""
                SELECT coalesce(seq_tup_read, 0), coalesce(idx_tup_fetch, 0) FROM pg_stat_xact_user_tables
                WHERE schemaname = 'audit' AND relname = 'trail_entry'""")) {
            stats.next();
            return new long[] {stats.getLong(1), stats.getLong(2)};
        }
    }

    private static List<String> firstColumn(Statement statement, String sql) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}

package io.techex.audit.trail;

import io.techex.audit.AuditDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The size of each asset's trail that the trail's version is made of (V14): the number of its entries that are
 * committed, whoever adds them and however many at once, including entries there before V14; and read without reading
 * the entries, however long the trail. Each test has a database of its own.
 */
class TrailSizeTest {

    private static final int TRAIL = 20_000;

    @Test
    void theVersionReadsNoEntryOfTheTrailHoweverLongItIs() throws Exception {
        try (Connection connection = AuditDatabase.migrated("trailversion").connect();
             Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE version(varchar, varchar) AS "
                    + AssetTrails.VERSION.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2"));
            // planned on the empty trail, as at the service's start
            statement.execute("EXECUTE version('asset-long', 'asset-long')");

            add(statement, "asset-long", 1, TRAIL / 2);
            add(statement, "asset-other", TRAIL / 2 + 1, TRAIL / 2 + 10);
            add(statement, "asset-long", TRAIL / 2 + 11, TRAIL + 10);
            statement.execute("INSERT INTO log_leaf (leaf_index, event_id, leaf_hash, leaf_version) "
                    + "VALUES (0, 'event-7', sha256('7'::bytea), 2)");
            statement.execute("INSERT INTO log_asset_latest (asset_id, leaf_index) VALUES ('asset-long', 0)");

            assertThat(version(statement, "asset-long")).isEqualTo(TRAIL + ".0");
            assertThat(version(statement, "asset-other")).isEqualTo("10.-");
            assertThat(AuditDatabase.rowsRead(statement, "EXECUTE version('asset-long', 'asset-long')", "trail_entry"))
                    .as("trail entries read for the version of a trail of %d", TRAIL).isZero();
            connection.rollback();
        }
    }

    @Test
    void theSizeIsTheEntriesCommittedByConcurrentTransactions() throws Exception {
        AuditDatabase database = AuditDatabase.migrated("trailsize");
        try (Connection first = database.connect(); Statement firstStatement = first.createStatement();
             Connection second = database.connect(); Statement secondStatement = second.createStatement();
             Connection watcher = database.connect(); Statement watching = watcher.createStatement()) {
            // out of any transaction: one caches what it saw of the other backends until it ends
            watcher.setAutoCommit(true);
            long secondBackend = backend(secondStatement);
            // one statement over several assets, as a poll's records are recorded
            insertMixed(firstStatement, 1, 30);
            // the same assets, from another transaction, held until the first commits
            CompletableFuture<Void> concurrent = CompletableFuture.runAsync(() -> {
                try {
                    insertMixed(secondStatement, 31, 50);
                    second.commit();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> waitsForALock(watching, secondBackend));
            first.commit();
            concurrent.get(30, TimeUnit.SECONDS);

            // rolled back: counted nowhere
            add(firstStatement, "asset-0", 51, 60);
            first.rollback();
            // refused whole for an event already in the trail: counted nowhere either
            assertThat(refused(firstStatement, 61, 70)).isTrue();
            first.rollback();

            assertThat(sizes(firstStatement)).isEqualTo(counted(firstStatement))
                    .containsEntry("asset-0", 16L).containsEntry("asset-1", 17L).containsEntry("asset-2", 17L);
        }
    }

    @Test
    void entriesRecordedBeforeTheSizesWereKeptAreCounted() throws Exception {
        AuditDatabase database = AuditDatabase.migratedTo("trailsizebefore", "13");
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            insertMixed(statement, 1, 30);
            connection.commit();
        }
        database.migrate();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            assertThat(sizes(statement)).containsEntry("asset-0", 10L).isEqualTo(counted(statement));
            insertMixed(statement, 31, 33);
            connection.commit();
            assertThat(sizes(statement)).containsEntry("asset-0", 11L).isEqualTo(counted(statement));
        }
    }

    private static long backend(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static boolean waitsForALock(Statement statement, long backend) throws SQLException {
        try (ResultSet row = statement.executeQuery(
                "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = " + backend)) {
            return row.next() && row.getBoolean(1);
        }
    }

    private static String version(Statement statement, String assetId) throws SQLException {
        try (ResultSet row = statement.executeQuery("EXECUTE version('" + assetId + "', '" + assetId + "')")) {
            row.next();
            return row.getString(1);
        }
    }

    private static void add(Statement statement, String assetId, int from, int to) throws SQLException {
        statement.execute(AuditDatabase.trailInsert("'" + assetId + "'", from, to));
    }

    /** Events {@code from} to {@code to}, event n of asset-(n mod 3). */
    private static void insertMixed(Statement statement, int from, int to) throws SQLException {
        statement.execute(AuditDatabase.trailInsert("'asset-' || mod(g, 3)", from, to));
    }

    /** Events {@code from} to {@code to} and event 1 again. */
    private static boolean refused(Statement statement, int from, int to) {
        try {
            statement.execute(AuditDatabase.trailInsert("'asset-0'", from, to)
                    + " UNION ALL SELECT 'event-1', 'asset-0', 'x', 's', now(), '{}'::json, 'bidding', 0, 0, 0, '{}'");
            return false;
        } catch (SQLException e) {
            assertThat(e.getSQLState()).as("unique violation").isEqualTo("23505");
            return true;
        }
    }

    private static Map<String, Long> sizes(Statement statement) throws SQLException {
        return map(statement, "SELECT asset_id, entries FROM trail_asset_size");
    }

    private static Map<String, Long> counted(Statement statement) throws SQLException {
        return map(statement, "SELECT asset_id, count(*) FROM trail_entry GROUP BY asset_id");
    }

    private static Map<String, Long> map(Statement statement, String sql) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.put(result.getString(1), result.getLong(2));
            }
        }
        return rows;
    }
}

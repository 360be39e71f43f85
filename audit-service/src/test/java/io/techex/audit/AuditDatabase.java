package io.techex.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A database of a test's own with audit-service's schema, for tests of the schema's statements and triggers: its
 * tables short when the test starts (plans made early are made on short tables, as at a service's start) and their
 * statistics kept as they are, as on machines where nothing analyzes.
 */
public final class AuditDatabase {

    private final TestEnvironment env;

    private AuditDatabase(TestEnvironment env) {
        this.env = env;
    }

    /** A new database, migrated to the schema's latest version. */
    public static AuditDatabase migrated(String hint) {
        return migratedTo(hint, "latest");
    }

    /** A new database, migrated up to {@code version} (say "13"), to be migrated further by {@link #migrate}. */
    public static AuditDatabase migratedTo(String hint, String version) {
        AuditDatabase database = new AuditDatabase(TestInfrastructure.get().newEnvironment(hint));
        database.flyway(version).migrate();
        return database;
    }

    /** The rest of the migrations. */
    public void migrate() {
        flyway("latest").migrate();
    }

    /** A connection out of autocommit, in the audit schema, autovacuum off for the tables that grow. */
    public Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(env.jdbcUrl(), env.username(), env.password());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO audit");
            statement.execute("ALTER TABLE trail_entry SET (autovacuum_enabled = false)");
            statement.execute("ALTER TABLE log_pending SET (autovacuum_enabled = false)");
        }
        // the ALTERs' locks released: another connection to the same database is set up the same way
        connection.commit();
        return connection;
    }

    /**
     * The statement adding events {@code from} to {@code to} to the trail, each {@code event-<n>}, of the asset the SQL
     * expression {@code assetId} names (of {@code g}, the event's number; say {@code 'asset-' || mod(g, 3)}).
     */
    public static String trailInsert(String assetId, int from, int to) {
        return """
                INSERT INTO trail_entry (event_id, asset_id, event_type, source, occurred_at, data,
                                         source_service, kafka_partition, kafka_offset, log_time, canonical)
                SELECT 'event-' || g, %s, 'io.techex.bidding.BidPlaced.v1', '/bidding-service',
                       now(), '{}'::json, 'bidding', 0, g, g, '{"n":' || g || '}'
                FROM generate_series(%d, %d) g""".formatted(assetId, from, to);
    }

    private Flyway flyway(String target) {
        return Flyway.configure().dataSource(env.jdbcUrl(), env.username(), env.password())
                .schemas("audit").defaultSchema("audit").locations("classpath:db/platform", "classpath:db/audit")
                .initSql("SET techex.service_role = 'techex_audit'")
                // as the service migrates (audit-service.yml): V9 builds an index concurrently, which would wait
                // forever for the transaction holding Flyway's lock
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .target(target)
                .load();
    }

    /** Rows the plan's scans of {@code table} read, those its filters then removed too, over all their loops. */
    private static long rowsRead(JsonNode node, String table) {
        long rows = 0;
        if (table.equals(node.path("Relation Name").asText())) {
            rows += (node.get("Actual Rows").asLong() + node.path("Rows Removed by Filter").asLong())
                    * node.get("Actual Loops").asLong();
        }
        for (JsonNode child : node.path("Plans")) {
            rows += rowsRead(child, table);
        }
        return rows;
    }

    /** Rows the plan of {@code explained} read of {@code table}, those its filters then removed too. */
    public static long rowsRead(Statement statement, String explained, String table) throws Exception {
        String plan;
        try (ResultSet result = statement.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + explained)) {
            result.next();
            plan = result.getString(1);
        }
        return rowsRead(new ObjectMapper().readTree(plan).get(0).get("Plan"), table);
    }
}

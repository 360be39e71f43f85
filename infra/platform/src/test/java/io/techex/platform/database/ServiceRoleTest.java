package io.techex.platform.database;

import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each service's own role (db/platform V0_5) works its schema and nothing else. Two services' schemas are migrated
 * into each of two databases at once, with roles new to the server, so the four migrations race to create the same
 * cluster-wide roles. The roles get a name of their own per run (and a password, should the server want one), and are
 * dropped at the end.
 */
class ServiceRoleTest {

    private static final String RUN = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private static final String LISTING_ROLE = "techex_rt" + RUN + "_listing";
    private static final String BIDDING_ROLE = "techex_rt" + RUN + "_bidding";
    private static final String PASSWORD = "rt" + RUN;
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static TestEnvironment first;
    private static TestEnvironment second;

    @BeforeAll
    static void twoDatabasesMigratedAtOnce() throws Exception {
        first = TestInfrastructure.get().newEnvironment("roles-a");
        second = TestInfrastructure.get().newEnvironment("roles-b");
        List<Runnable> migrations = new ArrayList<>();
        for (TestEnvironment env : List.of(first, second)) {
            migrations.add(() -> migrate(env, "listing", LISTING_ROLE));
            migrations.add(() -> migrate(env, "bidding", BIDDING_ROLE));
        }
        CyclicBarrier together = new CyclicBarrier(migrations.size());
        long started = System.nanoTime();
        try (ExecutorService threads = Executors.newFixedThreadPool(migrations.size())) {
            CompletableFuture.allOf(migrations.stream().map(migration -> CompletableFuture.runAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                migration.run();
            }, threads)).toArray(CompletableFuture[]::new)).join();
        }
        System.out.printf("ServiceRoleTest: 4 concurrent migrations in %d ms%n", (System.nanoTime() - started) / 1_000_000);
        // a second run finds everything in place
        migrate(first, "listing", LISTING_ROLE);
        try (Connection owner = first.connectAsOwner(); Statement sql = owner.createStatement()) {
            sql.execute("ALTER ROLE " + LISTING_ROLE + " PASSWORD '" + PASSWORD + "'");
            sql.execute("ALTER ROLE " + BIDDING_ROLE + " PASSWORD '" + PASSWORD + "'");
        }
    }

    @AfterAll
    static void dropTheRoles() throws SQLException {
        for (TestEnvironment env : List.of(first, second)) {
            try (Connection owner = env.connectAsOwner(); Statement sql = owner.createStatement()) {
                sql.execute("DROP OWNED BY " + LISTING_ROLE + ", " + BIDDING_ROLE);
            }
        }
        try (Connection owner = first.connectAsOwner(); Statement sql = owner.createStatement()) {
            sql.execute("DROP ROLE " + LISTING_ROLE + ", " + BIDDING_ROLE);
        }
    }

    @Test
    void aServiceRoleWorksItsOwnSchema() throws SQLException {
        for (TestEnvironment env : List.of(first, second)) {
            try (Connection listing = connect(env, LISTING_ROLE, "listing"); Statement sql = listing.createStatement()) {
                sql.execute("""
                        INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                            time_stamp, payload_type, payload)
                        VALUES ('e1', 'a1', 0, 'Listing', '2026-12-05T20:00:00Z', 'Drafted', '\\x01')""");
                assertThat(single(sql, "SELECT count(*) FROM domain_event_chain_head")).as("the chain trigger ran").isEqualTo("1");
                sql.execute("INSERT INTO token_entry (processor_name, segment, owner) VALUES ('p', 0, 'me')");
                sql.execute("UPDATE token_entry SET owner = NULL WHERE processor_name = 'p'");
                sql.execute("DELETE FROM token_entry WHERE processor_name = 'p'");
                assertThat(single(sql, "SELECT current_user")).isEqualTo(LISTING_ROLE);
            }
        }
    }

    @Test
    void aServiceRoleCannotTouchAnotherServicesSchema() throws SQLException {
        try (Connection listing = connect(first, LISTING_ROLE, "listing"); Statement sql = listing.createStatement()) {
            for (String statement : List.of("SELECT count(*) FROM bidding.domain_event_entry",
                    "INSERT INTO bidding.token_entry (processor_name, segment) VALUES ('p', 0)",
                    "DELETE FROM bidding.token_entry")) {
                assertThatThrownBy(() -> sql.execute(statement)).as(statement).isInstanceOfSatisfying(SQLException.class,
                        refused -> assertThat(refused.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
        }
    }

    @Test
    void aServiceRoleCannotChangeTheSchemaOrItsMigrationHistory() throws SQLException {
        try (Connection listing = connect(first, LISTING_ROLE, "listing"); Statement sql = listing.createStatement()) {
            for (String statement : List.of("CREATE TABLE listing.extra (id INT)", "CREATE TABLE public.extra (id INT)",
                    "ALTER TABLE token_entry ADD COLUMN extra INT", "DROP TABLE token_entry", "TRUNCATE token_entry",
                    "DELETE FROM flyway_schema_history", "CREATE SCHEMA extra")) {
                assertThatThrownBy(() -> sql.execute(statement)).as(statement).isInstanceOfSatisfying(SQLException.class,
                        refused -> assertThat(refused.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
            }
            assertThat(single(sql, "SELECT count(*) > 0 FROM flyway_schema_history")).as("it may read it").isEqualTo("t");
        }
    }

    private static void migrate(TestEnvironment env, String schema, String role) {
        Flyway.configure().dataSource(env.jdbcUrl(), env.username(), env.password())
                .schemas(schema).defaultSchema(schema).locations("classpath:db/platform")
                .initSql("SET techex.service_role = '" + role + "'")
                .load().migrate();
    }

    private static Connection connect(TestEnvironment env, String role, String schema) throws SQLException {
        Connection connection = DriverManager.getConnection(env.jdbcUrl(), role, PASSWORD);
        connection.setSchema(schema);
        return connection;
    }

    private static String single(Statement sql, String query) throws SQLException {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}

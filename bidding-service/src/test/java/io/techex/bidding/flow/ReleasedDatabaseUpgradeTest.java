package io.techex.bidding.flow;

import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database bidding-service ran on before deadlines' table moved into the platform (such as the launcher's
 * {@code techex} database): migrated by the scripts as they were released ({@code released-migrations/bidding}, where
 * V1 created {@code scheduled_tasks} itself), with a deadline pending. The service starts on it: V1's recorded
 * checksum is realigned to its edited text, the platform's V0_4 arrives out of order and leaves the table as it was,
 * the pending deadline with it.
 */
class ReleasedDatabaseUpgradeTest {

    @Test
    void theServiceStartsOnADatabaseOfTheReleasedMigrationsAndKeepsItsPendingDeadlines() throws Exception {
        TestEnvironment env = TestInfrastructure.get().newEnvironment("released");
        var dataSource = new DriverManagerDataSource(env.jdbcUrl(), env.username(), env.password());
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        flyway(dataSource, "classpath:db/platform").target("0.3").load().migrate();
        flyway(dataSource, "classpath:released-migrations/bidding").ignoreMigrationPatterns("*:missing").load().migrate();
        jdbc.update("""
                INSERT INTO bidding.scheduled_tasks (task_name, task_instance, execution_time, picked, version)
                VALUES ('released-task', 'pending', '2999-01-01T00:00:00Z', false, 1)""");
        List<Map<String, Object>> releasedTable = columnsAndIndexes(jdbc, "bidding");

        try (ConfigurableApplicationContext ignored = StandaloneBiddingService.start(env, Clock.systemUTC())) {
            Flyway current = flyway(dataSource, "classpath:db/platform", "classpath:db/bidding").outOfOrder(true).load();
            assertThat(current.validateWithResult().validationSuccessful).as("every recorded checksum matches its file").isTrue();
            MigrationInfo platformTable = Arrays.stream(current.info().applied())
                    .filter(applied -> applied.getVersion() != null && "0.4".equals(applied.getVersion().getVersion())).findFirst().orElseThrow();
            assertThat(platformTable.getState()).isEqualTo(MigrationState.OUT_OF_ORDER);
            assertThat(jdbc.queryForList("SELECT task_name FROM bidding.scheduled_tasks WHERE task_instance = 'pending'",
                    String.class)).containsExactly("released-task");
            assertThat(columnsAndIndexes(jdbc, "bidding")).isEqualTo(releasedTable);
        }

        // the table is the one the platform's migration creates on a fresh database
        jdbc.execute("CREATE SCHEMA fresh");
        jdbc.execute(new ClassPathResource("db/platform/V0_4__scheduled_tasks.sql").getContentAsString(StandardCharsets.UTF_8)
                .replace("CREATE TABLE IF NOT EXISTS scheduled_tasks", "CREATE TABLE IF NOT EXISTS fresh.scheduled_tasks")
                .replace(" ON scheduled_tasks", " ON fresh.scheduled_tasks"));
        assertThat(columnsAndIndexes(jdbc, "fresh")).isEqualTo(releasedTable);
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(javax.sql.DataSource dataSource,
                                                                                 String... locations) {
        return Flyway.configure().dataSource(dataSource).schemas("bidding").defaultSchema("bidding").locations(locations);
    }

    /** {@code scheduled_tasks}' columns and indexes in {@code schema}, in a form comparable across schemas. */
    private static List<Map<String, Object>> columnsAndIndexes(JdbcTemplate jdbc, String schema) {
        List<Map<String, Object>> shape = new java.util.ArrayList<>(jdbc.queryForList("""
                SELECT column_name, data_type, is_nullable FROM information_schema.columns
                WHERE table_schema = ? AND table_name = 'scheduled_tasks' ORDER BY ordinal_position""", schema));
        shape.addAll(jdbc.queryForList("""
                SELECT indexname, replace(indexdef, ? || '.', '') AS indexdef FROM pg_indexes
                WHERE schemaname = ? AND tablename = 'scheduled_tasks' ORDER BY indexname""", schema, schema));
        return shape;
    }
}

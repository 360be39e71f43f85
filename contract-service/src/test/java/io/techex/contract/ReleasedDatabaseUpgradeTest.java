package io.techex.contract;

import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database contract-service ran on before deadlines' table moved into the platform (such as the launcher's
 * {@code techex} database): migrated by the scripts as they were released ({@code released-migrations/contract}, where
 * V2 created {@code scheduled_tasks} itself), with a deadline pending. The service starts on it: V2's recorded
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
        flyway(dataSource, "classpath:released-migrations/contract").ignoreMigrationPatterns("*:missing").load().migrate();
        jdbc.update("""
                INSERT INTO contract.scheduled_tasks (task_name, task_instance, execution_time, picked, version)
                VALUES ('released-task', 'pending', '2999-01-01T00:00:00Z', false, 1)""");
        List<Map<String, Object>> releasedTable = columnsAndIndexes(jdbc, "contract");

        try (ConfigurableApplicationContext ignored = start(env)) {
            Flyway current = flyway(dataSource, "classpath:db/platform", "classpath:db/contract").outOfOrder(true).load();
            assertThat(current.validateWithResult().validationSuccessful).as("every recorded checksum matches its file").isTrue();
            MigrationInfo platformTable = Arrays.stream(current.info().applied())
                    .filter(applied -> applied.getVersion() != null && "0.4".equals(applied.getVersion().getVersion())).findFirst().orElseThrow();
            assertThat(platformTable.getState()).isEqualTo(MigrationState.OUT_OF_ORDER);
            assertThat(jdbc.queryForList("SELECT task_name FROM contract.scheduled_tasks WHERE task_instance = 'pending'",
                    String.class)).containsExactly("released-task");
            assertThat(columnsAndIndexes(jdbc, "contract")).isEqualTo(releasedTable);
        }

        // the table is the one the platform's migration creates on a fresh database
        jdbc.execute("CREATE SCHEMA fresh");
        jdbc.execute(new ClassPathResource("db/platform/V0_4__scheduled_tasks.sql").getContentAsString(StandardCharsets.UTF_8)
                .replace("CREATE TABLE IF NOT EXISTS scheduled_tasks", "CREATE TABLE IF NOT EXISTS fresh.scheduled_tasks")
                .replace(" ON scheduled_tasks", " ON fresh.scheduled_tasks"));
        assertThat(columnsAndIndexes(jdbc, "fresh")).isEqualTo(releasedTable);
    }

    /** contract-service as its own application, as it runs in production, on a free port in the environment. */
    private static ConfigurableApplicationContext start(TestEnvironment env) {
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("server.port", 0);
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=" + ContractServiceApplication.CONFIG_NAME);
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(ContractServiceApplication.class)
                // the application scans io.techex.contract, test classes included: leave the tests' set-ups out
                .initializers(context -> context.getBeanFactory().registerSingleton("testConfigurationsExcluded",
                        new TestConfigurationsExcluded()))
                .run(arguments.toArray(String[]::new));
    }

    /** Keeps {@code @TestConfiguration} classes (such as another test's clock) out of the application's scan. */
    static final class TestConfigurationsExcluded extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(javax.sql.DataSource dataSource,
                                                                                 String... locations) {
        return Flyway.configure().dataSource(dataSource).schemas("contract").defaultSchema("contract").locations(locations);
    }

    /** {@code scheduled_tasks}' columns and indexes in {@code schema}, in a form comparable across schemas. */
    private static List<Map<String, Object>> columnsAndIndexes(JdbcTemplate jdbc, String schema) {
        List<Map<String, Object>> shape = new ArrayList<>(jdbc.queryForList("""
                SELECT column_name, data_type, is_nullable FROM information_schema.columns
                WHERE table_schema = ? AND table_name = 'scheduled_tasks' ORDER BY ordinal_position""", schema));
        shape.addAll(jdbc.queryForList("""
                SELECT indexname, replace(indexdef, ? || '.', '') AS indexdef FROM pg_indexes
                WHERE schemaname = ? AND tablename = 'scheduled_tasks' ORDER BY indexname""", schema, schema));
        return shape;
    }
}

package io.techex.platform.flyway;

import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A migration edited after a database applied it is realigned from the exact checksum declared for it, and only so. */
class EditedMigrationsTest {

    static final String RELEASED = "CREATE TABLE offer (id TEXT PRIMARY KEY);\nCREATE TABLE moved (id TEXT PRIMARY KEY);\n";
    static final String EDITED = "CREATE TABLE offer (id TEXT PRIMARY KEY);\n-- moved: now another migration's\n";

    @TempDir
    Path migrations;
    DriverManagerDataSource dataSource;
    String schema;

    @BeforeEach
    void aDatabaseThatAppliedTheReleasedText() throws Exception {
        TestEnvironment env = TestInfrastructure.get().newEnvironment("edited");
        dataSource = new DriverManagerDataSource(env.jdbcUrl(), env.username(), env.password());
        schema = "edited";
        Files.writeString(migrations.resolve("V1__offers.sql"), RELEASED);
        flyway().migrate();
        Files.writeString(migrations.resolve("V1__offers.sql"), EDITED);
    }

    @Test
    void theDeclaredEarlierChecksumIsRealignedAndTheDatabaseMigrates() {
        int released = recordedChecksum();
        new EditedMigrations(Map.of("1", released)).migrate(flyway());

        assertThat(recordedChecksum()).isNotEqualTo(released);
        assertThat(flyway().validateWithResult().validationSuccessful).isTrue();
    }

    @Test
    void anyOtherRecordedChecksumIsLeftForFlywayToRefuse() {
        int released = recordedChecksum();
        assertThatThrownBy(() -> new EditedMigrations(Map.of("1", released + 1)).migrate(flyway()))
                .isInstanceOf(FlywayValidateException.class).hasMessageContaining("checksum mismatch");
        assertThatThrownBy(() -> new EditedMigrations(Map.of("2", released)).migrate(flyway()))
                .isInstanceOf(FlywayValidateException.class);
        assertThat(recordedChecksum()).isEqualTo(released);
    }

    private Flyway flyway() {
        return Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema)
                .locations("filesystem:" + migrations).load();
    }

    private int recordedChecksum() {
        return new JdbcTemplate(dataSource).queryForObject(
                "SELECT checksum FROM " + schema + ".flyway_schema_history WHERE version = '1'", Integer.class);
    }
}

package io.techex.platform.flyway;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Migrates, after realigning the recorded checksum of migrations whose text was edited once databases had applied it,
 * in a way that changes nothing on those databases (a table moved to a platform migration that creates it only where
 * it is missing). Flyway would otherwise refuse to start on them: it compares every applied migration's recorded
 * checksum with its file's.
 * <p>
 * Only the exact earlier text is accepted: a migration is realigned where its recorded checksum is the one declared
 * for it ({@code techex.flyway.edited-migrations}, version to checksum), never where it differs in any other way, which
 * Flyway's validation still reports.
 */
class EditedMigrations implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(EditedMigrations.class);

    /** Version (as Flyway writes it, e.g. {@code 1} or {@code 2.1}) to the checksum of the text databases applied. */
    private final Map<String, Integer> appliedChecksums;

    EditedMigrations(Map<String, Integer> appliedChecksums) {
        this.appliedChecksums = Map.copyOf(appliedChecksums);
    }

    @Override
    public void migrate(Flyway flyway) {
        if (!appliedChecksums.isEmpty()) {
            realign(flyway);
        }
        flyway.migrate();
    }

    private void realign(Flyway flyway) {
        for (MigrationInfo applied : flyway.info().applied()) {
            if (applied.getVersion() == null) {
                continue;
            }
            String version = applied.getVersion().getVersion();
            Integer earlier = appliedChecksums.get(version);
            Integer now = applied.getResolvedChecksum();
            if (earlier != null && earlier.equals(applied.getAppliedChecksum()) && now != null && !now.equals(earlier)) {
                update(flyway.getConfiguration(), version, earlier, now);
                log.info("Migration V{} ({}) was edited after this database applied it; its checksum {} is now {}",
                        version, applied.getDescription(), earlier, now);
            }
        }
    }

    private static void update(Configuration configuration, String version, int earlier, int now) {
        String schema = configuration.getDefaultSchema() != null ? configuration.getDefaultSchema() : configuration.getSchemas()[0];
        String table = quoted(schema) + "." + quoted(configuration.getTable());
        try (Connection connection = configuration.getDataSource().getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE " + table + " SET checksum = ? WHERE version = ? AND checksum = ?")) {
            update.setInt(1, now);
            update.setString(2, version);
            update.setInt(3, earlier);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not realign migration V" + version + " in " + table, e);
        }
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}

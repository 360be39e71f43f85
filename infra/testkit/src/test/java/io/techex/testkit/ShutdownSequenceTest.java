package io.techex.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What happens at JVM exit can only be seen from outside: the probe runs in a JVM of its own. */
class ShutdownSequenceTest {

    @Test
    void databasesAreDroppedOnlyAfterTheApplicationsHaveClosed(@TempDir Path dir) throws Exception {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        PostgresServer server = infrastructure.postgresServer();
        Path record = dir.resolve("record.txt");

        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A short-lived JVM: the quick compiler only
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"),
                ExitProbe.class.getName(), record.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.txt").toFile());
        builder.environment().put(TestInfrastructure.POSTGRES_URL_ENV, server.adminUrl());
        builder.environment().put(TestInfrastructure.POSTGRES_USER_ENV, server.username());
        builder.environment().put(TestInfrastructure.POSTGRES_PASSWORD_ENV, server.password());
        builder.environment().put(TestInfrastructure.KAFKA_BOOTSTRAP_ENV, infrastructure.kafkaBootstrapServers());
        builder.environment().put(TestInfrastructure.REDIS_ENV,
                infrastructure.redisHost() + ":" + infrastructure.redisPort());
        Process probe = builder.start();

        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).as("probe JVM exits").isTrue();
        File output = dir.resolve("output.txt").toFile();
        assertThat(probe.exitValue()).as(Files.readString(output.toPath())).isZero();
        List<String> lines = Files.readAllLines(record);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo("database there while closing");
        try (Connection admin = server.connect(server.adminUrl());
             PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, lines.get(0));
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as("database %s dropped at exit", lines.get(0)).isFalse();
            }
        }
    }
}

package io.techex.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import jakarta.annotation.PreDestroy;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Run in a JVM of its own by {@link ShutdownSequenceTest}: starts a Spring Boot application in a fresh environment,
 * then exits; while the application closes, a bean records whether its database was still there.
 *
 * <p>Arguments: the file to record into.
 */
public final class ExitProbe {

    private ExitProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path record = Path.of(args[0]);
        TestEnvironment env = TestInfrastructure.get().newEnvironment("exit");
        Files.writeString(record, env.databaseName() + "\n");
        new SpringApplicationBuilder(ProbeConfiguration.class)
                .web(WebApplicationType.NONE)
                .properties(env.springProperties())
                .properties("probe.record=" + record)
                .run();
        System.exit(0);
    }

    @Configuration(proxyBeanMethods = false)
    static class ProbeConfiguration {

        @Bean
        DatabaseProbe databaseProbe(org.springframework.core.env.Environment environment) {
            return new DatabaseProbe(environment.getRequiredProperty("spring.datasource.url"),
                    environment.getRequiredProperty("spring.datasource.username"),
                    environment.getProperty("spring.datasource.password", ""),
                    Path.of(environment.getRequiredProperty("probe.record")));
        }
    }

    record DatabaseProbe(String url, String username, String password, Path record) {

        @PreDestroy
        void recordWhetherTheDatabaseIsStillThere() throws Exception {
            String outcome;
            try (Connection connection = DriverManager.getConnection(url, username, password)) {
                outcome = connection.isValid(2) ? "database there while closing" : "database not valid while closing";
            } catch (SQLException e) {
                outcome = "database gone while closing: " + e.getMessage();
            }
            Files.writeString(record, Files.readString(record) + outcome + "\n");
        }
    }
}

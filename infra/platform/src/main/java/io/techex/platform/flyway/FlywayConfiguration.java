package io.techex.platform.flyway;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;

import java.util.Map;

/** Flyway as every service runs it: the settings are in {@code techex-defaults.properties}, edited migrations here. */
@AutoConfiguration
@EnableConfigurationProperties(FlywayConfiguration.TechExFlywayProperties.class)
public class FlywayConfiguration {

    @Bean
    FlywayMigrationStrategy editedMigrations(TechExFlywayProperties properties) {
        return new EditedMigrations(properties.editedMigrations());
    }

    /**
     * @param editedMigrations a service's migrations edited after release, each with the checksum databases recorded
     *                         for its earlier text ({@link EditedMigrations})
     */
    @ConfigurationProperties("techex.flyway")
    public record TechExFlywayProperties(Map<String, Integer> editedMigrations) {

        public TechExFlywayProperties {
            editedMigrations = editedMigrations == null ? Map.of() : Map.copyOf(editedMigrations);
        }
    }
}

package io.techex.platform.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Settings every TechEx service shares (Axon without Axon Server, Jackson serialization, one PostgreSQL schema
 * per service, problem+json, probes), kept in {@code techex-defaults.properties}. They have the lowest
 * precedence: a service's own {@code <name>-service.yml}, the environment and tests override any of them.
 * <p>
 * Only applications that say which service they are ({@code techex.service.name}) get them: the authorization
 * server and the launcher share a classpath with the services in local runs and tests, and are no such service.
 * Runs after Boot has read the configuration files, so the name may come from {@code <name>-service.yml}.
 */
public class TechExDefaults implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "techexDefaults";
    static final String SERVICE_NAME = "techex.service.name";

    /** Axon's update checker calls home over the internet; an exchange's services have no business doing that. */
    static final String AXON_UPDATE_CHECKER_DISABLED = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(AXON_UPDATE_CHECKER_DISABLED) == null) {
            System.setProperty(AXON_UPDATE_CHECKER_DISABLED, "true");
        }
        System.setProperty("disable-axoniq-console-message", "true");
        if (environment.getPropertySources().contains(SOURCE_NAME) || !environment.containsProperty(SERVICE_NAME)) {
            return;
        }
        try {
            var sources = new PropertiesPropertySourceLoader()
                    .load(SOURCE_NAME, new ClassPathResource("techex-defaults.properties"));
            sources.forEach(environment.getPropertySources()::addLast);
        } catch (IOException e) {
            throw new UncheckedIOException("techex-defaults.properties is missing from the platform jar", e);
        }
    }
}

package io.techex.testkit;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives a Spring application context its own {@link TestEnvironment}: a fresh database and namespace on the JVM's
 * shared PostgreSQL, Kafka and Redis. Its {@link TestEnvironment#springProperties() properties} take the highest
 * precedence (property source {@value #PROPERTY_SOURCE_NAME}), and the environment is a bean named
 * {@value #BEAN_NAME}, so tests can {@code @Autowired TestEnvironment env}.
 */
public final class TechExTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String PROPERTY_SOURCE_NAME = "techexTestInfrastructure";
    public static final String BEAN_NAME = "techexTestEnvironment";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            // Applied twice (annotation and explicit initializer): one environment per context is the point
            return;
        }
        TestEnvironment testEnvironment = TestInfrastructure.get().newEnvironment(hint(environment));
        environment.getPropertySources()
                .addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, testEnvironment.springProperties()));
        context.getBeanFactory().registerSingleton(BEAN_NAME, testEnvironment);
    }

    private static String hint(ConfigurableEnvironment environment) {
        try {
            return environment.getProperty("spring.application.name", "app");
        } catch (IllegalArgumentException unresolvablePlaceholder) {
            // e.g. ${techex.service.name}-service in a context that does not set the service name
            return "app";
        }
    }
}

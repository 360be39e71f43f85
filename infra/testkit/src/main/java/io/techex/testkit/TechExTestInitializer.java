package io.techex.testkit;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at its own {@link TestEnvironment} (fresh database and namespace on the shared
 * servers) with the highest precedence, and makes the environment injectable.
 */
public class TechExTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String hint = context.getEnvironment().getProperty("techex.service.name", "app");
        TestEnvironment environment = TestInfrastructure.get().newEnvironment(hint);
        context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("techexTestInfrastructure", environment.springProperties()));
        context.getBeanFactory().registerSingleton("techexTestEnvironment", environment);
    }
}

package io.techex.testkit;

import java.util.List;

import io.techex.testkit.openapi.OpenApiConformance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Applies {@link TechExTestInitializer} to the context of every {@link IntegrationTest}, and checks every answer of a
 * web application against its OpenAPI document ({@link OpenApiConformance}).
 *
 * <p>A customizer rather than {@code @ContextConfiguration(initializers = ...)} on the annotation: Spring takes a
 * test class's own {@code @ContextConfiguration} instead of one on a meta-annotation, so such a test would silently
 * run against the application's configured database.
 */
public final class TechExContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    /** Stateless, so equal for every test class: contexts that differ in nothing else are still shared. */
    private record Customizer() implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            new TechExTestInitializer().initialize(context);
            OpenApiConformance.initializer().initialize(context);
        }
    }
}

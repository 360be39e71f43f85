package io.techex.bidding.flow;

import io.techex.bidding.BiddingServiceApplication;
import io.techex.testkit.TestEnvironment;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** bidding-service as its own application, as it runs in production, for tests that stop and start it. */
final class StandaloneBiddingService {

    private StandaloneBiddingService() {
    }

    /** The service on a free port, in the environment, reading {@code clock}. */
    static ConfigurableApplicationContext start(TestEnvironment env, Clock clock) {
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("server.port", 0);
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=" + BiddingServiceApplication.CONFIG_NAME);
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(BiddingServiceApplication.class)
                .initializers(context -> {
                    // the one clock, registered before the configuration classes so that theirs back off
                    context.getBeanFactory().registerSingleton("movableClock", clock);
                    // the application scans io.techex.bidding, test classes included: leave other tests' set-ups out
                    context.getBeanFactory().registerSingleton("otherTestsConfigurations", new TestConfigurationsExcluded());
                })
                .run(arguments.toArray(String[]::new));
    }

    /** Keeps {@code @TestConfiguration} classes (such as another test's clock) out of the application's scan. */
    static final class TestConfigurationsExcluded extends TypeExcludeFilter {
        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
            return reader.getAnnotationMetadata().hasAnnotation(TestConfiguration.class.getName());
        }
    }
}

package io.techex.platform.database;

import io.techex.platform.web.WebTestApplication;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A service whose database does not exist stops before it builds anything, and says in one report which database
 * to create and how, without a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class MissingDatabaseTest {

    @Test
    void theServiceStopsAtOnceSayingWhichDatabaseToCreateAndHow(CapturedOutput output) {
        TestEnvironment env = TestInfrastructure.get().newEnvironment("missing-db");
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        String existing = (String) properties.get("spring.datasource.url");
        String missing = "techex_missing_" + UUID.randomUUID().toString().substring(0, 8);
        String url = existing.replaceFirst("/[^/?]+(\\?.*)?$", "/" + missing + "$1");
        properties.put("spring.datasource.url", url);
        properties.put("techex.service.name", "webtest");
        properties.put("server.port", 0);
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        int outputBefore = output.getAll().length();

        long started = System.nanoTime();
        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(WebTestApplication.class).run(args.toArray(String[]::new)));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(failure).isNotNull();
        assertThat(NestedExceptionUtils.getMostSpecificCause(failure).getMessage()).contains(missing, "does not exist");
        // stopped before the context built a bean (Flyway's failure came only after Kafka, Axon and the web server)
        assertThat(causes(failure)).noneMatch(BeanCreationException.class::isInstance);
        Properties parsed = Driver.parseURL(url, null);
        String host = PGProperty.PG_HOST.getOrDefault(parsed);
        String port = PGProperty.PG_PORT.getOrDefault(parsed);
        String report = output.getAll().substring(outputBefore);
        assertThat(report).contains("APPLICATION FAILED TO START",
                "The PostgreSQL database \"" + missing + "\" does not exist on " + host + ":" + port,
                "createdb -h " + host + " -p " + port + " -U " + properties.get("spring.flyway.user") + " " + missing);
        assertThat(report.lines().filter(line -> line.startsWith("\tat ") || line.startsWith("Caused by:")).toList())
                .as("stack trace lines in the report").isEmpty();
        System.out.printf("A service without its database stopped %d ms after SpringApplication.run%n", took.toMillis());
    }

    private static List<Throwable> causes(Throwable failure) {
        List<Throwable> causes = new ArrayList<>();
        for (Throwable current = failure; current != null && !causes.contains(current); current = current.getCause()) {
            causes.add(current);
        }
        return causes;
    }
}

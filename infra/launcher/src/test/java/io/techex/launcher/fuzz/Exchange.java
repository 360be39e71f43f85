package io.techex.launcher.fuzz;

import io.techex.audit.AuditServiceApplication;
import io.techex.bidding.BiddingServiceApplication;
import io.techex.contract.ContractServiceApplication;
import io.techex.listing.ListingServiceApplication;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The four services in one JVM, started as the launcher's {@code FourServices} starts them (that class is package
 * private to {@code io.techex.launcher}), with two differences: the per-organisation write limit is raised far above
 * what the fuzzer sends, so that its bad writes reach the services' validation and handlers instead of stopping at a
 * {@code 429}; and audit-service's timers are set so that its tables hold still while nobody asks anything.
 */
final class Exchange implements AutoCloseable {

    enum Service {
        LISTING(ListingServiceApplication.class, ListingServiceApplication.CONFIG_NAME, "listing"),
        BIDDING(BiddingServiceApplication.class, BiddingServiceApplication.CONFIG_NAME, "bidding"),
        CONTRACT(ContractServiceApplication.class, ContractServiceApplication.CONFIG_NAME, "contract"),
        AUDIT(AuditServiceApplication.class, AuditServiceApplication.CONFIG_NAME, "audit");

        final Class<?> application;
        final String configName;
        /** The PostgreSQL schema the service owns. */
        final String schema;

        Service(Class<?> application, String configName, String schema) {
            this.application = application;
            this.configName = configName;
            this.schema = schema;
        }
    }

    final TestEnvironment environment;
    private final Map<Service, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();

    private Exchange(TestEnvironment environment) {
        this.environment = environment;
    }

    static Exchange start(String environmentName) {
        TestEnvironment env = TestInfrastructure.get().newEnvironment(environmentName);
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("server.port", 0);
        properties.put("logging.include-application-name", false);
        properties.put("spring.main.banner-mode", "off");
        properties.put("techex.rate-limit.writes", 1_000_000);
        // audit-service's own timers would change its tables while the fuzzer compares them: no periodic tree head
        // during the run (its on-demand endpoint takes no input, so it is not fuzzed), and the Merkle log places an
        // entry 2 s after it arrived instead of 30 s (one JVM, one clock: no producer skew to wait for), so the
        // fixtures' events are all in the log before the snapshot
        properties.put("techex.audit.tree-head.interval", "1h");
        properties.put("techex.audit.log.settle", "2s");
        TestTokens.get(); // the authorization server, before four services ask it for its keys at once

        Exchange exchange = new Exchange(env);
        Map<Service, CompletableFuture<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
        try (ExecutorService starter = Executors.newFixedThreadPool(Service.values().length)) {
            for (Service service : Service.values()) {
                starting.put(service, CompletableFuture.supplyAsync(() -> new SpringApplicationBuilder(service.application)
                        .run(arguments(service.configName, properties)), starter));
            }
        }
        List<Throwable> failures = new ArrayList<>();
        starting.forEach((service, context) -> {
            try {
                exchange.contexts.put(service, context.join());
            } catch (RuntimeException failed) {
                failures.add(failed);
            }
        });
        if (!failures.isEmpty()) {
            exchange.close();
            IllegalStateException failure = new IllegalStateException("Not every service started");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
        return exchange;
    }

    /** Settings as command-line arguments: they must beat the platform's defaults (as {@code TechExLocal} passes them). */
    private static String[] arguments(String configName, Map<String, Object> properties) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=" + configName);
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }

    String base(Service service) {
        return "http://localhost:" + contexts.get(service).getEnvironment().getProperty("local.server.port");
    }

    ConfigurableApplicationContext context(Service service) {
        return contexts.get(service);
    }

    @Override
    public void close() {
        List<ConfigurableApplicationContext> running = new ArrayList<>(contexts.values());
        contexts.clear();
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (RuntimeException e) {
                System.err.println("While stopping a service: " + e);
            }
        }
    }
}

package io.techex.launcher.fuzz;

import io.techex.launcher.FourServices;
import io.techex.launcher.FourServices.Service;
import io.techex.testkit.TestEnvironment;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/**
 * The services as {@link FourServices} starts them, with two settings of the fuzzer's: the per-organisation
 * write limit is raised far above what the fuzzer sends, so that its bad writes reach the services' validation and
 * handlers instead of stopping at a {@code 429}; and audit-service's timers are set so that its tables hold still
 * while nobody asks anything.
 */
final class Exchange implements AutoCloseable {

    final TestEnvironment environment;
    private final FourServices services;

    private Exchange(FourServices services) {
        this.services = services;
        this.environment = services.environment();
    }

    static Exchange start(String environmentName) {
        // audit-service's own timers would change its tables while the fuzzer compares them: no periodic tree head
        // during the run (its on-demand endpoint takes no input, so it is not fuzzed), and the Merkle log places an
        // entry 2 s after it arrived instead of 30 s (one JVM, one clock: no producer skew to wait for), so the
        // fixtures' events are all in the log before the snapshot
        return new Exchange(FourServices.start(environmentName, Map.of(
                "techex.rate-limit.writes", 1_000_000,
                "techex.audit.tree-head.interval", "1h",
                "techex.audit.log.settle", "2s")));
    }

    String base(Service service) {
        return services.base(service);
    }

    ConfigurableApplicationContext context(Service service) {
        return services.context(service);
    }

    @Override
    public void close() {
        services.close();
    }
}

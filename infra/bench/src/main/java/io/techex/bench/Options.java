package io.techex.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to run, from system properties ({@code -Dbench.*}); the defaults give a complete run in about twenty minutes on
 * 2 cores.
 *
 * @param warmupSeconds       unmeasured load before a scenario's repetitions, at least ({@code bench.warmup})
 * @param warmupMaxSeconds    how long the bid scenarios' warm-up may go on while the JIT compilers are busy
 *                            ({@code bench.warmup-max})
 * @param serviceProperties   given to every service of the exchange ({@code bench.service-props})
 * @param exchangeJvmArgs     the exchange process's JVM arguments ({@code bench.jvm-args}, split at blanks)
 * @param relayBacklog        events copied into listing-service's store with the relay stopped, then timed as it drains them
 * @param auditBacklog        events put on Kafka while audit-service's consumers are stopped, then timed as they are caught up
 * @param auditTimeoutSeconds how long the backlog may take; after that the rate so far is reported
 * @param jfr                 whether one more repetition of the bid scenarios (broken down by stage), the audit
 *                            backlog and the replays is recorded with JFR
 * @param readme              whether the results replace the "Latest results" section of {@code readmePath}
 */
record Options(int durationSeconds, int warmupSeconds, int warmupMaxSeconds, int repetitions, int clients, int auctions, int trailEvents,
               int replayEvents, int relayBacklog, int auditBacklog, int auditTimeoutSeconds, List<String> scenarios,
               Map<String, String> serviceProperties, List<String> exchangeJvmArgs, boolean keepDatabase, boolean jfr,
               boolean readme, Path readmePath, Path output) {

    static Options fromSystemProperties() {
        Options options = new Options(integer("bench.duration", 5), integer("bench.warmup", 40), integer("bench.warmup-max", 180),
                integer("bench.repetitions", 3),
                integer("bench.clients", 8), integer("bench.auctions", 100), integer("bench.trail-events", 10_000),
                integer("bench.replay-events", 20_000), integer("bench.relay-backlog", 10_000),
                integer("bench.audit-backlog", 100_000),
                integer("bench.audit-timeout", 300),
                Arrays.stream(System.getProperty("bench.scenarios", "bids,relay,audit,replay,pages").split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList(),
                serviceProperties(System.getProperty("bench.service-props", "")),
                Arrays.stream(System.getProperty("bench.jvm-args", "-XX:+UseG1GC -XX:MaxGCPauseMillis=10").strip().split("\\s+"))
                        .filter(s -> !s.isEmpty()).toList(),
                Boolean.parseBoolean(System.getProperty("bench.keep-database", "false")),
                Boolean.parseBoolean(System.getProperty("bench.jfr", "true")),
                Boolean.parseBoolean(System.getProperty("bench.readme", "false")),
                Path.of(System.getProperty("bench.readme-path", "README.md")).toAbsolutePath(),
                Path.of(System.getProperty("bench.output", "target/bench")).toAbsolutePath());
        if (options.repetitions() < 1 || options.clients() < 1 || options.durationSeconds() < 1 || options.auditBacklog() < 0
                || options.relayBacklog() < 1) {
            throw new IllegalArgumentException("bench.repetitions, bench.clients and bench.duration must be at least 1,"
                    + " bench.relay-backlog at least 1, bench.audit-backlog at least 0: " + options);
        }
        return options;
    }

    /** {@code key=value,key=value}, as {@code bench.service-props} gives them. */
    static Map<String, String> serviceProperties(String given) {
        Map<String, String> props = new LinkedHashMap<>();
        if (given == null || given.isBlank()) {
            return props;
        }
        for (String pair : given.strip().split(",")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("bench.service-props wants key=value,key=value; got " + pair);
            }
            props.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return props;
    }

    /** The service properties as {@code bench.service-props} takes them, to hand them to the exchange's process. */
    String servicePropertiesText() {
        return String.join(",", serviceProperties.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static int integer(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}

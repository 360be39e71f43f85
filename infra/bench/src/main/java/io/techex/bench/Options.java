package io.techex.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What to run, from system properties ({@code -Dbench.*}); the defaults give a complete run in a few minutes on 2 cores. */
record Options(int durationSeconds, int warmupSeconds, int repetitions, int clients, int auctions, int trailEvents,
               int replayEvents, List<String> scenarios, Map<String, String> serviceProperties, boolean keepDatabase,
               Path output) {

    static Options fromSystemProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        String given = System.getProperty("bench.service-props", "").strip();
        if (!given.isEmpty()) {
            for (String pair : given.split(",")) {
                int eq = pair.indexOf('=');
                if (eq < 1) {
                    throw new IllegalArgumentException("bench.service-props wants key=value,key=value; got " + pair);
                }
                props.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        Options options = new Options(integer("bench.duration", 5), integer("bench.warmup", 2), integer("bench.repetitions", 3),
                integer("bench.clients", 8), integer("bench.auctions", 100), integer("bench.trail-events", 10_000),
                integer("bench.replay-events", 20_000),
                Arrays.stream(System.getProperty("bench.scenarios", "bids,relay,audit,replay,pages").split(",")).map(String::strip)
                        .filter(s -> !s.isEmpty()).toList(),
                props, Boolean.parseBoolean(System.getProperty("bench.keep-database", "false")),
                Path.of(System.getProperty("bench.output", "target/bench")));
        if (options.repetitions() < 1 || options.clients() < 1 || options.durationSeconds() < 1) {
            throw new IllegalArgumentException("bench.repetitions, bench.clients and bench.duration must be at least 1: " + options);
        }
        return options;
    }

    private static int integer(String name, int fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}

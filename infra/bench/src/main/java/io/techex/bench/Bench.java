package io.techex.bench;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run, from the outside: starts the exchange in a process of its own ({@link ExchangeProcess}: fresh
 * database and broker), drives it from this one over loopback, runs the scenarios named in {@code bench.scenarios} in
 * order (bids, relay, audit, replay, pages), prints one table and writes {@code results.json} and {@code results.md}
 * under {@code bench.output}. Every load is bounded in clients and time and goes over loopback only.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Options options = Options.fromSystemProperties();
        Files.createDirectories(options.output());
        System.out.println("TechEx benchmark: " + options);
        List<Row> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<BidProfile> profiles = new ArrayList<>();
        Map<String, Object> run = new LinkedHashMap<>();
        int cores = Runtime.getRuntime().availableProcessors();
        run.put("started", Instant.now().toString());
        run.put("cores", cores);
        run.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        run.put("processes", "the exchange in one JVM (" + String.join(" ", options.exchangeJvmArgs())
                + "), the load generator in another; PostgreSQL, Redis, pgbench and ProducerPerformance in their own");
        run.put("options", "duration " + options.durationSeconds() + " s, warm-up " + options.warmupSeconds() + " s (the bids' and the floor's"
                + " on until the JIT compilers are quiet, at most " + options.warmupMaxSeconds() + " s), "
                + options.repetitions() + " repetitions, " + options.clients() + " clients, " + options.auctions() + " auctions, "
                + options.trailEvents() + " trail events, " + options.replayEvents() + " replay events, relay backlog "
                + options.relayBacklog() + " events, audit backlog "
                + options.auditBacklog() + " events" + (options.jfr()
                        ? ", JFR on one more repetition of each bid scenario and the floor and on a second audit backlog of"
                        + " a fifth the size, none of them measured" : "")
                + (options.serviceProperties().isEmpty() ? "" : ", service properties " + options.serviceProperties()));
        int exitCode = 0;
        long started = System.nanoTime();
        try (ExchangeProcess exchange = ExchangeProcess.start(options);
             MemorySampler memory = new MemorySampler(exchange, 250);
             CpuMeter cpu = ProcFs.available() ? new CpuMeter(exchange) : null) {
            run.put("startup", String.format("%.1f s", (System.nanoTime() - started) / 1e9));
            try (var connection = exchange.connect()) {
                run.put("postgresql", PostgresActivity.serverSettings(connection));
            }
            System.out.printf("exchange up in %.1f s (pid %d, database %s)%n", (System.nanoTime() - started) / 1e9,
                    exchange.pid(), exchange.database());
            if (cpu == null) {
                notes.add("no /proc on this machine: no CPU figures");
            }
            Http http = new Http(exchange.issuer());
            Listings listings = new Listings(http, exchange);
            Anchors anchors = new Anchors(exchange, options.output(), cpu);
            BidScenario.HalfLoad halfLoad = null;
            for (String scenario : options.scenarios()) {
                try {
                    switch (scenario) {
                        case "bids" -> {
                            BidScenario bids = new BidScenario(options, exchange, listings, anchors, memory, cpu);
                            try {
                                rows.addAll(bids.run());
                            } finally {
                                profiles.addAll(bids.profiles());
                                halfLoad = bids.halfLoad().orElse(null);
                            }
                        }
                        case "relay" -> rows.addAll(new RelayScenario(options, exchange, listings, anchors, memory).run());
                        case "audit" -> rows.addAll(new AuditScenario(options, exchange, http, anchors, halfLoad).run());
                        case "replay" -> rows.addAll(new ReplayScenario(options, exchange, cpu).run());
                        case "pages" -> rows.addAll(new PagesScenario(options, exchange, http, listings).run());
                        default -> throw new IllegalArgumentException("no scenario " + scenario + " (bids, relay, audit, replay, pages)");
                    }
                } catch (Exception | Error failure) {
                    // one scenario failing leaves the others' figures worth having; the exit code says it failed
                    exitCode = 1;
                    notes.add("scenario " + scenario + " failed: " + failure);
                    System.err.println("Scenario " + scenario + " failed:");
                    failure.printStackTrace();
                }
            }
            memoryRows(memory, rows, options.clients());
        }
        run.put("wall time", String.format("%.0f s", (System.nanoTime() - started) / 1e9));
        notes.add("median and p99 by nearest rank: of the repetitions' values for rates, of every request of every repetition for"
                + " latencies; 'per repetition' lists each repetition's rate, or its latency p99; ratio = median / anchor median");
        String table = Report.write(options.output(), run, rows, notes, List.of(BidProfile.markdown(profiles, cores)));
        System.out.println();
        System.out.println(table);
        System.out.println("Written: " + options.output().resolve("results.json") + " and results.md"
                + (Files.exists(options.output().resolve("results.previous.md")) ? " (the run before: results.previous.md)" : ""));
        if (options.readme()) {
            Report.readme(options.readmePath(), table);
            System.out.println("Results put into " + options.readmePath() + " under '" + Report.README_SECTION + "'");
        }
        System.exit(exitCode);
    }

    private static void memoryRows(MemorySampler memory, List<Row> rows, int clients) {
        List<Double> heap = memory.heapMb();
        List<Double> rss = memory.rssMb();
        if (heap.isEmpty()) {
            return;
        }
        rows.add(Row.of("memory-heap", "memory under load (the exchange's process)", "heap used", "MiB", clients,
                Stats.median(heap), Stats.percentile(heap, 99), heap.size(), null)
                .note("max heap " + Report.number(memory.heapMaxMb()) + " MiB; sampled every 250 ms during the bid and relay loads"));
        if (!rss.isEmpty()) {
            List<Double> own = memory.loadGeneratorRssMb();
            rows.add(Row.of("memory-rss", "memory under load (the exchange's process)", "resident set (VmRSS)", "MiB", clients,
                    Stats.median(rss), Stats.percentile(rss, 99), rss.size(), null)
                    .note("the exchange: 4 services, authorization server, Kafka broker; the load generator's own VmRSS median "
                            + Report.number(Stats.median(own)) + " MiB"));
        }
    }
}

package io.techex.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The yardsticks, run as separate processes on the same PostgreSQL and the same broker as the exchange. */
final class Anchors {

    /** One pgbench run: transactions a second, their mean latency, and CPU ms a transaction (NaN without /proc). */
    record Pgbench(double tps, double latencyMs, double postgresCpuMsPerTx, double totalCpuMsPerTx) {
    }

    /** What pgbench's one statement is: a new row each time, or the same row each time. */
    enum Statement {
        INSERT("single-row INSERT", "pgbench-insert.sql",
                "INSERT INTO public.bench_scratch (payload) VALUES (md5(random()::text) || md5(random()::text));\n"),
        HOT_UPDATE("single-row UPDATE of one hot row", "pgbench-hot-update.sql",
                "UPDATE public.bench_hot SET n = n + 1 WHERE id = 1;\n");

        final String label;
        private final String file;
        private final String script;

        Statement(String label, String file, String script) {
            this.label = label;
            this.file = file;
            this.script = script;
        }
    }

    /** One run of Kafka's ProducerPerformance: records a second and its latency percentiles in ms. */
    record ProducerPerf(double recordsPerSecond, double p50Ms, double p99Ms) {
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PROCESSED = Pattern.compile("number of transactions actually processed: (\\d+)");
    private static final Pattern PG_LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern PERF = Pattern.compile(
            "(\\d+) records sent, ([0-9.]+) records/sec .*?, ([0-9.]+) ms 50th, ([0-9.]+) ms 95th, ([0-9.]+) ms 99th");

    private final ExchangeProcess exchange;
    private final Path workDir;
    private final CpuMeter cpu;
    private final List<Double> producerMax = new ArrayList<>();

    /** @param cpu null where there is no /proc */
    Anchors(ExchangeProcess exchange, Path workDir, CpuMeter cpu) {
        this.exchange = exchange;
        this.workDir = workDir;
        this.cpu = cpu;
    }

    /**
     * pgbench with a custom script of one statement, at {@code clients} connections and as many threads, for
     * {@code seconds}: the database's own transaction rate at the load generator's concurrency, every transaction a
     * commit like a placed bid's. An INSERT of a new row each time is what bids spread over many auctions compare
     * with; an UPDATE of one and the same row, whose row lock serialises the transactions, is what bids on one
     * auction compare with, since one aggregate's commands are serialised too.
     */
    Pgbench pgbench(Statement statement, int clients, int seconds) throws Exception {
        try (var connection = exchange.connect(); var sql = connection.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS public.bench_scratch (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " payload TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            sql.execute("CREATE TABLE IF NOT EXISTS public.bench_hot (id INT PRIMARY KEY, n BIGINT NOT NULL)");
            sql.execute("INSERT INTO public.bench_hot VALUES (1, 0) ON CONFLICT (id) DO NOTHING");
        }
        Path script = workDir.resolve(statement.file);
        Files.writeString(script, statement.script);
        CpuMeter.Window window = cpu == null ? null : cpu.start();
        String out = run(List.of(pgbenchBinary(), "-n", "-c", String.valueOf(clients), "-j", String.valueOf(clients),
                "-T", String.valueOf(seconds), "-f", script.toString(), "-h", exchange.pgHost(), "-p", String.valueOf(exchange.pgPort()),
                "-U", exchange.pgUser(), exchange.database()), seconds + 60);
        CpuMeter.Usage used = cpu == null ? null : cpu.stop(window);
        Matcher tps = TPS.matcher(out);
        Matcher latency = PG_LATENCY.matcher(out);
        Matcher processed = PROCESSED.matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench said no tps:\n" + out);
        }
        double transactions = processed.find() ? Double.parseDouble(processed.group(1)) : Double.NaN;
        return new Pgbench(Double.parseDouble(tps.group(1)), latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN,
                used == null ? Double.NaN : used.postgresMs() / transactions,
                used == null ? Double.NaN : (used.postgresMs() + used.childrenMs()) / transactions);
    }

    private static String pgbenchBinary() {
        for (String candidate : new String[]{"/usr/bin/pgbench", "/usr/local/bin/pgbench"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return "pgbench";
    }

    /**
     * Kafka's ProducerPerformance (what {@code kafka-producer-perf-test.sh} runs) in a JVM of its own, with acks=all
     * and the relay's linger, on {@code topic} of the exchange's broker.
     *
     * @param throughput records a second to aim at, or -1 for as many as it can
     */
    ProducerPerf producerPerformance(String topic, long records, int recordSize, double throughput) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", topic, "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordSize),
                "--throughput", String.valueOf(throughput < 0 ? -1 : Math.max(1, Math.round(throughput))),
                "--producer-props", "bootstrap.servers=" + exchange.kafkaBootstrap(), "acks=all", "enable.idempotence=true",
                "linger.ms=2"));
        String out = run(command, 180);
        // it prints a line every few seconds while it runs; the last one is the whole run's
        Matcher m = PERF.matcher(out);
        ProducerPerf result = null;
        while (m.find()) {
            result = new ProducerPerf(Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)), Double.parseDouble(m.group(5)));
        }
        if (result == null) {
            throw new IllegalStateException("ProducerPerformance said nothing usable:\n" + out);
        }
        if (throughput < 0) {
            synchronized (producerMax) {
                producerMax.add(result.recordsPerSecond());
            }
        }
        return result;
    }

    /** The records a second of every as-fast-as-it-goes ProducerPerformance run so far (the relay scenario's). */
    List<Double> producerMaxima() {
        synchronized (producerMax) {
            return List.copyOf(producerMax);
        }
    }

    private String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile(workDir, "anchor-", ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish within " + timeoutSeconds + " s");
        }
        String out = Files.readString(log);
        Files.delete(log);
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(4, command.size())))
                    + " failed (" + process.exitValue() + "):\n" + out);
        }
        return out;
    }
}

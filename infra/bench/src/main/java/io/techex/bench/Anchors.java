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

    record Pgbench(double tps, double latencyMs) {
    }

    /** One run of Kafka's ProducerPerformance: records a second and its latency percentiles in ms. */
    record ProducerPerf(double recordsPerSecond, double p50Ms, double p99Ms) {
    }

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern PG_LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");
    private static final Pattern PERF = Pattern.compile(
            "(\\d+) records sent, ([0-9.]+) records/sec .*?, ([0-9.]+) ms 50th, ([0-9.]+) ms 95th, ([0-9.]+) ms 99th");

    private final BenchExchange exchange;
    private final Path workDir;

    Anchors(BenchExchange exchange, Path workDir) {
        this.exchange = exchange;
        this.workDir = workDir;
    }

    /**
     * pgbench with a custom script of one single-row INSERT into a scratch table, at {@code clients} connections
     * and as many threads, for {@code seconds}: the database's own transaction rate at the load generator's
     * concurrency, every transaction a commit like a placed bid's.
     */
    Pgbench pgbench(int clients, int seconds) throws Exception {
        try (var connection = exchange.connect(); var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS public.bench_scratch (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
                    + " payload TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
        Path script = workDir.resolve("pgbench-insert.sql");
        Files.writeString(script, "INSERT INTO public.bench_scratch (payload) VALUES (md5(random()::text) || md5(random()::text));\n");
        String out = run(List.of(pgbenchBinary(), "-n", "-c", String.valueOf(clients), "-j", String.valueOf(clients),
                "-T", String.valueOf(seconds), "-f", script.toString(), "-h", exchange.pgHost(), "-p", String.valueOf(exchange.pgPort()),
                "-U", exchange.pgUser(), exchange.database()), seconds + 60);
        Matcher tps = TPS.matcher(out);
        Matcher latency = PG_LATENCY.matcher(out);
        if (!tps.find()) {
            throw new IllegalStateException("pgbench said no tps:\n" + out);
        }
        return new Pgbench(Double.parseDouble(tps.group(1)), latency.find() ? Double.parseDouble(latency.group(1)) : Double.NaN);
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
        return result;
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

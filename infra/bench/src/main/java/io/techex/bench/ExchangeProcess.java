package io.techex.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The exchange as the load generator sees it: a child JVM ({@link ExchangeMain}, same classpath) reached over
 * loopback like any client would, plus a small control channel over its standard input and output for what no
 * client can do (stop the relay, replay a projection, stop audit's consumers, start the web console, read the heap,
 * record with JFR). Its standard error (the exchange's logs) goes to this process's.
 */
final class ExchangeProcess implements AutoCloseable {

    static final String LISTING = "listing-service";
    static final String BIDDING = "bidding-service";
    static final String CONTRACT = "contract-service";
    static final String AUDIT = "audit-service";

    private static final String EXITED = "error the exchange's process ended";

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final JsonNode hello;
    private final Map<String, String> baseUrls = new LinkedHashMap<>();

    private ExchangeProcess(Process process, Duration startTimeout) throws Exception {
        this.process = process;
        this.commands = process.outputWriter(StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("bench-exchange-answers").start(this::readAnswers);
        String ready = answers.poll(startTimeout.toSeconds(), TimeUnit.SECONDS);
        if (ready == null || !ready.startsWith("ready ")) {
            process.destroyForcibly();
            throw new IllegalStateException("The exchange did not start: " + (ready == null ? "no answer within " + startTimeout : ready));
        }
        hello = Http.JSON.readTree(ready.substring("ready ".length()));
        hello.path("services").properties().forEach(e -> baseUrls.put(e.getKey(), e.getValue().asText()));
    }

    /** Starts the exchange's JVM with {@code options}' JVM arguments and service properties and waits until it is up. */
    static ExchangeProcess start(Options options) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options.exchangeJvmArgs());
        // Spring's and Axon's stacks are deeper than JFR's default 64 frames: the frames that name a stage are near the bottom
        command.add("-XX:FlightRecorderOptions=stackdepth=512");
        command.add("-Dbench.service-props=" + options.servicePropertiesText());
        command.add("-Dbench.keep-database=" + options.keepDatabase());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ExchangeMain.class.getName());
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        ExchangeProcess exchange = new ExchangeProcess(process, Duration.ofMinutes(10));
        // an interrupted run (Ctrl-C) still ends the exchange, which drops its database
        Runtime.getRuntime().addShutdownHook(new Thread(exchange::close, "bench-exchange-close"));
        return exchange;
    }

    private void readAnswers() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(ExchangeMain.PREFIX)) {
                    answers.add(line.substring(ExchangeMain.PREFIX.length()));
                } else {
                    System.err.println(line);
                }
            }
        } catch (IOException ended) {
            // the process ended; the answer below says so
        }
        answers.add(EXITED);
    }

    /** Sends one command and returns its answer (after {@code ok }); an {@code error} answer is thrown. */
    synchronized String call(Duration timeout, String... command) {
        try {
            commands.write(String.join(" ", command) + "\n");
            commands.flush();
            String answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer == null) {
                throw new IllegalStateException("No answer to '" + String.join(" ", command) + "' within " + timeout);
            }
            if (answer.equals(EXITED)) {
                answers.add(EXITED);
            }
            if (!answer.startsWith("ok")) {
                throw new IllegalStateException("'" + String.join(" ", command) + "' failed in the exchange: " + answer);
            }
            return answer.length() > 3 ? answer.substring(3) : "";
        } catch (IOException e) {
            throw new IllegalStateException("The exchange's process does not listen any more", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    void stopProcessor(String service, String processor) {
        call(Duration.ofMinutes(2), "processor", service, processor, "stop");
    }

    void startProcessor(String service, String processor) {
        call(Duration.ofMinutes(1), "processor", service, processor, "start");
    }

    /** Waits until every running streaming processor of the service is at {@code head}: their names. */
    String awaitAllAtHead(String service, long head, int timeoutSeconds) {
        return call(Duration.ofSeconds(timeoutSeconds + 30), "processors", service, "await-head", String.valueOf(head),
                String.valueOf(timeoutSeconds));
    }

    /** Resets the processor's tokens and times it back to {@code head}, in the exchange's process: seconds and segments. */
    double[] replay(String service, String processor, long head, int timeoutSeconds) {
        String[] answer = call(Duration.ofSeconds(timeoutSeconds + 60), "processor", service, processor, "replay",
                String.valueOf(head), String.valueOf(timeoutSeconds)).split(" ");
        return new double[]{Double.parseDouble(answer[0]), Double.parseDouble(answer[1])};
    }

    void stopListeners(String service) {
        call(Duration.ofMinutes(2), "listeners", service, "stop");
    }

    void startListeners(String service) {
        call(Duration.ofMinutes(1), "listeners", service, "start");
    }

    String startConsole() {
        return call(Duration.ofMinutes(5), "console");
    }

    /**
     * Waits until audit-service's log sequencer has placed every entry recorded so far (its queue is empty); returns
     * whether it did within {@code timeoutMs}, and says so when not.
     */
    boolean awaitAuditLogPlaced(long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        try (Connection connection = connect();
             PreparedStatement pending = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM audit.log_pending)")) {
            while (System.currentTimeMillis() < deadline) {
                try (ResultSet rows = pending.executeQuery()) {
                    rows.next();
                    if (!rows.getBoolean(1)) {
                        return true;
                    }
                }
                Thread.sleep(20);
            }
        }
        System.out.println("  (audit-service's log had not sequenced everything within " + timeoutMs / 1000 + " s)");
        return false;
    }

    /** Heap in use and its maximum, in bytes. */
    long[] heap() {
        String[] answer = call(Duration.ofSeconds(30), "heap").split(" ");
        return new long[]{Long.parseLong(answer[0]), Long.parseLong(answer[1])};
    }

    /** Runs {@code work} while the exchange records itself with JFR into {@code file}; the recording stops however it ends. */
    <T> T recorded(Path file, Callable<T> work) throws Exception {
        call(Duration.ofMinutes(1), "jfr", "start", file.toAbsolutePath().toString());
        try {
            return work.call();
        } finally {
            call(Duration.ofMinutes(2), "jfr", "stop");
        }
    }

    long pid() {
        return process.pid();
    }

    String baseUrl(String service) {
        String url = baseUrls.get(service);
        if (url == null) {
            throw new IllegalArgumentException("no service " + service + " (" + baseUrls.keySet() + ")");
        }
        return url;
    }

    /** Port → service name, to name whom a request thread read from in a recording. */
    Map<Integer, String> servicePorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        baseUrls.forEach((name, url) -> ports.put(Integer.parseInt(url.substring(url.lastIndexOf(':') + 1)), name));
        return ports;
    }

    String issuer() {
        return hello.path("issuer").asText();
    }

    String kafkaBootstrap() {
        return hello.path("kafkaBootstrap").asText();
    }

    int brokerPort() {
        return hello.path("brokerPort").asInt();
    }

    String namespace() {
        return hello.path("namespace").asText();
    }

    String topic(String service) {
        return namespace() + ".techex." + service + ".events";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(hello.path("jdbcUrl").asText(), pgUser(), hello.path("pgPassword").asText());
    }

    String pgHost() {
        return hello.path("pgHost").asText();
    }

    int pgPort() {
        return hello.path("pgPort").asInt();
    }

    String pgUser() {
        return hello.path("pgUser").asText();
    }

    String database() {
        return hello.path("database").asText();
    }

    /** Asks the exchange to stop (it drops its database unless kept) and waits for it; forcibly after two minutes. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        try {
            commands.write("stop\n");
            commands.flush();
            commands.close();
        } catch (IOException alreadyGone) {
            // it is stopping or stopped anyway
        }
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                System.err.println("The exchange did not stop within 2 minutes; killing it (database " + database() + " may be left)");
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

package io.techex.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The exchange's process of a benchmark run ({@link ExchangeProcess} starts it): the whole exchange
 * ({@link BenchExchange}) in this JVM and nothing of the load generator, so the CPU time, the resident set and a JFR
 * recording of this process are the exchange's alone.
 *
 * <p>Standard output carries only the answers to the parent, one line each, starting with {@value #PREFIX}: first
 * {@code ready {json}} with what the parent needs to reach the exchange, then {@code ok ...} or {@code error ...} for
 * every command read from standard input. Everything logged goes to standard error, which the parent passes on. What
 * cannot be done from outside is a command here: stopping and starting an event processor (the relay), resetting
 * its tokens and timing it back to the head (a replay), stopping a service's Kafka consumers (an audit backlog),
 * the web console, the heap in use, a JFR recording. End of input (the parent gone) stops the exchange as
 * {@code stop} does, so no exchange outlives its run.
 */
public final class ExchangeMain {

    static final String PREFIX = "@bench ";

    private final BenchExchange exchange;
    private Recording recording;

    private ExchangeMain(BenchExchange exchange) {
        this.exchange = exchange;
    }

    public static void main(String[] args) throws Exception {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        // logback's console appender writes to whatever System.out is when it writes: the logs must not mix with answers
        System.setOut(System.err);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        BenchExchange exchange = new BenchExchange(Boolean.getBoolean("bench.keep-database"));
        Runtime.getRuntime().addShutdownHook(new Thread(exchange::close, "bench-exchange-stop"));
        try {
            exchange.start(Options.serviceProperties(System.getProperty("bench.service-props", "")));
        } catch (Exception | Error failure) {
            failure.printStackTrace();
            answers.println(PREFIX + "error " + oneLine(failure));
            System.exit(1);
        }
        ExchangeMain control = new ExchangeMain(exchange);
        answers.println(PREFIX + "ready " + control.describe());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
            String answer;
            try {
                answer = "ok " + control.handle(line.strip().split("\\s+"));
            } catch (Exception | Error failure) {
                failure.printStackTrace();
                answer = "error " + oneLine(failure);
            }
            answers.println(PREFIX + answer);
        }
        exchange.close();
        answers.println(PREFIX + "ok stopped");
        System.exit(0);
    }

    private String describe() {
        ObjectNode hello = Http.JSON.createObjectNode();
        hello.put("pid", ProcessHandle.current().pid());
        hello.put("issuer", exchange.issuer());
        ObjectNode services = hello.putObject("services");
        exchange.services().keySet().forEach(name -> services.put(name, exchange.baseUrl(name)));
        hello.put("jdbcUrl", exchange.jdbcUrl());
        hello.put("pgHost", exchange.pgHost());
        hello.put("pgPort", exchange.pgPort());
        hello.put("pgUser", exchange.pgUser());
        hello.put("pgPassword", exchange.pgPassword());
        hello.put("database", exchange.database());
        hello.put("namespace", exchange.namespace());
        hello.put("kafkaBootstrap", exchange.kafkaBootstrap());
        hello.put("brokerPort", exchange.brokerPort());
        return hello.toString();
    }

    private String handle(String[] command) throws Exception {
        return switch (command[0]) {
            case "processor" -> processor(command);
            case "processors" -> processors(command);
            case "listeners" -> listeners(command);
            case "console" -> exchange.startConsole();
            case "heap" -> {
                var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
                yield heap.getUsed() + " " + heap.getMax();
            }
            case "jfr" -> jfr(command);
            default -> throw new IllegalArgumentException("no command " + String.join(" ", command));
        };
    }

    /** {@code processor <service> <name> stop|start|replay <head> <seconds>}. */
    private String processor(String[] command) throws Exception {
        StreamingEventProcessor processor = exchange.service(command[1]).getBean(EventProcessingConfiguration.class)
                .eventProcessor(command[2], StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException(command[1] + " has no streaming processor " + command[2]));
        switch (command[3]) {
            case "stop" -> processor.shutdownAsync().get();
            case "start" -> processor.start();
            case "replay" -> {
                processor.shutdownAsync().join();
                processor.resetTokens();
                long started = System.nanoTime();
                processor.start();
                awaitHead(processor, Long.parseLong(command[4]), Integer.parseInt(command[5]));
                return (System.nanoTime() - started) / 1e9 + " " + processor.processingStatus().size();
            }
            default -> throw new IllegalArgumentException("no processor command " + command[3]);
        }
        return "";
    }

    /**
     * {@code processors <service> await-head <head> <seconds>}: every running streaming processor of the service, so
     * that a timed replay does not share the cores with others still handling the events it was given.
     */
    private String processors(String[] command) throws Exception {
        if (!command[2].equals("await-head")) {
            throw new IllegalArgumentException("no processors command " + command[2]);
        }
        List<String> awaited = new ArrayList<>();
        for (EventProcessor processor : exchange.service(command[1]).getBean(EventProcessingConfiguration.class)
                .eventProcessors().values()) {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning()) {
                awaitHead(streaming, Long.parseLong(command[3]), Integer.parseInt(command[4]));
                awaited.add(streaming.getName());
            }
        }
        return String.join(",", awaited);
    }

    /**
     * Waits until every segment is claimed and at or past {@code head}. Not "out of replay": a ReplayToken is only
     * unwrapped by the first event beyond the reset point, and with no new events it stays a replay token for good.
     */
    private static void awaitHead(StreamingEventProcessor processor, long head, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            int segments = status.values().stream().mapToInt(s -> s.getSegment().getMask() + 1).max().orElse(1);
            if (!status.isEmpty() && status.size() >= segments && status.values().stream().allMatch(s ->
                    !s.isErrorState() && s.getCurrentPosition().orElse(-1) >= head)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(processor.getName() + " did not reach " + head + " within " + timeoutSeconds + " s: "
                + processor.processingStatus());
    }

    /** {@code listeners <service> stop|start}: every Kafka listener container of the service. */
    private String listeners(String[] command) {
        var containers = exchange.service(command[1]).getBean(KafkaListenerEndpointRegistry.class).getListenerContainers();
        for (MessageListenerContainer container : containers) {
            if (command[2].equals("stop")) {
                container.stop();
            } else {
                container.start();
            }
        }
        return String.valueOf(containers.size());
    }

    /**
     * {@code jfr start <file>}: JDK's "profile" settings, with socket reads recorded however short (a bid's round
     * trips to PostgreSQL and Redis take well under the profile's 1 ms), lock waits from 0.1 ms and, where the JDK has
     * them, CPU-time samples; {@code jfr stop}
     * writes the file.
     */
    private String jfr(String[] command) throws Exception {
        if (command[1].equals("start")) {
            Map<String, String> settings = new HashMap<>(Configuration.getConfiguration("profile").getSettings());
            settings.put("jdk.SocketRead#threshold", "0 ms");
            settings.put("jdk.SocketRead#throttle", "off");
            settings.put("jdk.ThreadPark#threshold", "100 us");
            settings.put("jdk.JavaMonitorEnter#threshold", "100 us");
            // JDK 25+ on Linux: samples by CPU time, native code included (older JDKs ignore the setting)
            settings.put("jdk.CPUTimeSample#enabled", "true");
            settings.put("jdk.CPUTimeSample#throttle", "10ms");
            recording = new Recording(settings);
            recording.setName("bench");
            recording.setToDisk(true);
            recording.setDestination(Path.of(command[2]));
            recording.start();
            return command[2];
        }
        if (recording == null) {
            throw new IllegalStateException("no recording running");
        }
        Path written = recording.getDestination();
        recording.stop();
        recording.close();
        recording = null;
        return written.toString();
    }

    static String oneLine(Throwable failure) {
        return String.valueOf(failure).replaceAll("[\\r\\n]+", " | ");
    }
}

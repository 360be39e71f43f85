package io.techex.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Apache Kafka from the project's own build: one KRaft node (broker and controller) or a cluster of several, each
 * node its own process. Runs until stopped (Ctrl-C, SIGTERM), then stops what it started and deletes the data unless
 * {@code --data-dir} named where to keep it. {@code infra/deploy/kafka.sh} builds the class path and runs this.
 *
 * <pre>
 *   --port P              client port on 127.0.0.1; a cluster's nodes take P, P+1, ... (default 9092, cluster 19092)
 *   --cluster N           N nodes, each its own JVM, every one a broker and a controller voter
 *   --controller-port C   a cluster's first controller port (default P+100)
 *   --data-dir D          keep data in D across runs (default: a temporary directory deleted at exit)
 *   --secure              (cluster) SASL/SCRAM-SHA-512 and ACLs ({@link KafkaSecurity}); the super user admin's
 *                         password is TECHEX_KAFKA_ADMIN_PASSWORD, or a random one, printed
 * </pre>
 * The options {@code --node}, {@code --voters}, {@code --cluster-id}, {@code --size} and {@code --exit-with-parent}
 * start one node of a cluster; {@link KafkaCluster} passes them.
 */
public final class KafkaBrokerMain {

    /** Quiet logging for a broker of its own (Kafka logs thousands of INFO lines as it starts). */
    static final String LOGBACK_CONFIGURATION = "io/techex/testkit/kafka-broker-logback.xml";

    private static final Set<String> OPTIONS = Set.of("port", "cluster", "controller-port", "data-dir", "node",
            "voters", "cluster-id", "size", "exit-with-parent", "secure");

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Before any logger exists: logging reads this once, when first used
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
        }
        Map<String, String> options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("Usage: KafkaBrokerMain [--port P] [--cluster N [--controller-port C] [--secure]] "
                    + "[--data-dir D]");
            System.exit(2);
            return;
        }
        Logger log = LoggerFactory.getLogger(KafkaBrokerMain.class);
        AutoCloseable running;
        if (options.containsKey("node")) {
            running = startNode(options);
        } else if (options.containsKey("cluster")) {
            int size = intOption(options, "cluster", 3);
            int port = intOption(options, "port", 19092);
            int controllerPort = intOption(options, "controller-port", port + 100);
            String adminPassword = null;
            if (options.containsKey("secure")) {
                adminPassword = System.getenv(KafkaSecurity.ADMIN_PASSWORD_ENV);
                if (adminPassword == null || adminPassword.isBlank()) {
                    adminPassword = KafkaSecurity.randomPassword();
                    log.info("Kafka super user {} has password {} (set {} to choose it)", KafkaSecurity.ADMIN,
                            adminPassword, KafkaSecurity.ADMIN_PASSWORD_ENV);
                }
            }
            KafkaCluster cluster = options.containsKey("data-dir")
                    ? KafkaCluster.start(size, port, controllerPort, Path.of(options.get("data-dir")), adminPassword)
                    : KafkaCluster.start(size, port, controllerPort, temporaryDirectory(), adminPassword);
            running = options.containsKey("data-dir") ? cluster : deletingAfter(cluster, cluster.dataDirectory());
            log.info("Kafka cluster of {} nodes ready: bootstrap servers {} (data in {}, logs node-<id>.log there)",
                    size, cluster.bootstrapServers(), cluster.dataDirectory());
        } else if (options.containsKey("secure")) {
            System.err.println("--secure needs --cluster N");
            System.exit(2);
            return;
        } else {
            int port = intOption(options, "port", 9092);
            Path dir = options.containsKey("data-dir") ? Path.of(options.get("data-dir")) : temporaryDirectory();
            InProcessKafkaBroker broker = InProcessKafkaBroker.start(port, dir);
            running = options.containsKey("data-dir") ? broker : deletingAfter(broker, dir);
            log.info("Kafka broker ready: bootstrap servers {} (data in {})", broker.bootstrapServers(), dir);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                log.warn("Stopping Kafka failed: {}", e.getMessage());
            }
            stopped.countDown();
        }, "techex-kafka-stop"));
        stopped.await();
    }

    private static AutoCloseable startNode(Map<String, String> options) {
        int nodeId = intOption(options, "node", 1);
        InProcessKafkaBroker.ClusterNode node = new InProcessKafkaBroker.ClusterNode(nodeId,
                intOption(options, "port", 0), intOption(options, "controller-port", 0),
                required(options, "voters"), required(options, "cluster-id"), intOption(options, "size", 3),
                options.containsKey("secure") ? required(System.getenv(KafkaSecurity.ADMIN_PASSWORD_ENV),
                        KafkaSecurity.ADMIN_PASSWORD_ENV) : null);
        if (options.containsKey("exit-with-parent")) {
            exitWhenStandardInputEnds();
        }
        return InProcessKafkaBroker.startClusterNode(node, Path.of(required(options, "data-dir")));
    }

    /**
     * The parent holds this process's standard input open and never writes to it: its end means the parent is gone
     * (even killed), and a node left running would hold its ports and disk until someone noticed.
     */
    private static void exitWhenStandardInputEnds() {
        Thread watcher = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // nothing is ever written; read only to learn of the end
                }
            } catch (IOException ignored) {
                // a broken pipe is an end too
            }
            Runtime.getRuntime().halt(0);
        }, "techex-kafka-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static AutoCloseable deletingAfter(AutoCloseable running, Path dir) {
        return () -> {
            try {
                running.close();
            } finally {
                InProcessKafkaBroker.deleteRecursively(dir);
            }
        };
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("techex-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for Kafka", e);
        }
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || !OPTIONS.contains(args[i].substring(2))) {
                throw new IllegalArgumentException("Unknown option " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("exit-with-parent") || name.equals("secure")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("Option " + args[i] + " needs a value");
            }
        }
        return options;
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number, not " + value, e);
        }
    }

    private static String required(String value, String environmentVariable) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(environmentVariable + " is required to start a secure cluster node");
        }
        return value;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required to start a cluster node");
        }
        return value;
    }
}

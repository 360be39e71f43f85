package io.techex.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Apache Kafka server running inside this JVM: one node in combined KRaft mode (broker and controller),
 * listening on 127.0.0.1 only.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the port and the data directory, so topics, records and committed
 * consumer offsets survive a restart, which lets tests take a real broker away under load and bring it back.
 * Instances are thread-safe.
 */
public final class InProcessKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessKafkaBroker.class);

    private static final int SINGLE_NODE_ID = 1;
    private static final String LISTENER = "PLAINTEXT";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    /** Free ports are chosen by opening and closing a socket, so another process may take one first: retry. */
    private static final int START_ATTEMPTS = 3;

    private final int port;
    private final Path dataDir;
    private final boolean ownsDataDir;
    /** Null for a single node, whose controller port may change between restarts. */
    private final ClusterNode clusterNode;
    private int controllerPort;
    private KafkaRaftServer server;
    private boolean closed;

    private InProcessKafkaBroker(int port, Path dataDir, boolean ownsDataDir) {
        this(port, dataDir, ownsDataDir, null);
    }

    private InProcessKafkaBroker(int port, Path dataDir, boolean ownsDataDir, ClusterNode clusterNode) {
        this.port = port;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.clusterNode = clusterNode;
        this.controllerPort = clusterNode == null ? 0 : clusterNode.controllerPort();
    }

    /**
     * One node (broker and controller) of a KRaft cluster of several: every node of the cluster is given the same
     * voters and cluster id, and its own id and ports.
     *
     * @param nodeId         this node's id, one of the voters'
     * @param port           client port on 127.0.0.1
     * @param controllerPort controller port on 127.0.0.1, the one {@code voters} names for this node
     * @param voters         {@code id@127.0.0.1:controllerPort} of every node, comma-separated
     * @param clusterId      the id every node's storage is formatted with
     * @param size           the number of nodes, which internal topics are replicated to
     * @param adminPassword  null for plaintext listeners; otherwise the password of the super user {@code admin}, and
     *                       clients authenticate with SASL/SCRAM-SHA-512 and are authorized by ACLs (see
     *                       {@link KafkaSecurity})
     */
    public record ClusterNode(int nodeId, int port, int controllerPort, String voters, String clusterId, int size,
                              String adminPassword) {

        @Override
        public String toString() {
            return "ClusterNode[" + nodeId + ", 127.0.0.1:" + port + (adminPassword == null ? "" : ", secure") + "]";
        }
    }

    /**
     * Starts one node of a multi-node cluster, formatting {@code dataDir} on first use. Returns once the node serves
     * clients, which needs a majority of the voters up: start the others concurrently. {@link #close()} leaves the
     * directory in place.
     */
    public static InProcessKafkaBroker startClusterNode(ClusterNode node, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka data directory " + dataDir, e);
        }
        InProcessKafkaBroker broker = new InProcessKafkaBroker(node.port(), dataDir.toAbsolutePath(), false, node);
        broker.startServer();
        return broker;
    }

    /**
     * Starts a broker on free ports with a fresh temporary data directory, which {@link #close()} deletes.
     */
    public static InProcessKafkaBroker start() {
        Path dir;
        try {
            dir = Files.createTempDirectory("techex-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory for the in-process Kafka broker", e);
        }
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            InProcessKafkaBroker broker = new InProcessKafkaBroker(FreePorts.pick(), dir, true);
            try {
                broker.startServer();
                return broker;
            } catch (RuntimeException e) {
                lastFailure = e;
                if (!causedByBindFailure(e)) {
                    break;
                }
            }
        }
        deleteRecursively(dir);
        throw lastFailure;
    }

    /**
     * Starts a broker on the given port, keeping its data in {@code dataDir}: a directory that already holds a
     * broker's data (from an earlier run) is reused as it is, so its topics and offsets are still there.
     * {@link #close()} leaves the directory in place.
     *
     * @param port    the client port on 127.0.0.1, or 0 for a free one
     * @param dataDir the log directory, created when missing
     */
    public static InProcessKafkaBroker start(int port, Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka data directory " + dataDir, e);
        }
        InProcessKafkaBroker broker = new InProcessKafkaBroker(port == 0 ? FreePorts.pick() : port,
                dataDir.toAbsolutePath(), false);
        broker.startServer();
        return broker;
    }

    /** The address clients connect to, {@code 127.0.0.1:<port>}; it stays the same across restarts. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The client port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** The directory holding the broker's logs and metadata. */
    public Path dataDirectory() {
        return dataDir;
    }

    /** Whether the broker is currently serving clients. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Shuts the broker down cleanly and waits until it has; data stays on disk. Does nothing when stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        long started = System.nanoTime();
        KafkaRaftServer stopping = server;
        server = null;
        stopping.shutdown();
        stopping.awaitShutdown();
        log.debug("In-process Kafka broker {} stopped in {} ms", bootstrapServers(), millisSince(started));
    }

    /**
     * Stops the broker if it runs, then starts it again on the same port with the same data directory, returning
     * once it accepts clients.
     */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("The in-process Kafka broker " + bootstrapServers() + " is closed");
        }
        stop();
        startServer();
    }

    /** Stops the broker and deletes its data directory if {@link #start()} created it. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            if (ownsDataDir) {
                deleteRecursively(dataDir);
            }
        }
    }

    @Override
    public String toString() {
        return "InProcessKafkaBroker[" + bootstrapServers() + ", " + dataDir + (isRunning() ? "" : ", stopped") + "]";
    }

    private synchronized void startServer() {
        if (closed) {
            throw new IllegalStateException("The in-process Kafka broker " + bootstrapServers() + " is closed");
        }
        long started = System.nanoTime();
        // A single voter's controller port is internal to this JVM and needs no stable address across restarts
        if (clusterNode == null && (controllerPort == 0 || !FreePorts.isFree(controllerPort))) {
            controllerPort = FreePorts.pick();
        }
        KafkaConfig config = new KafkaConfig(properties(), false);
        formatIfNeeded(config);
        KafkaRaftServer starting = new KafkaRaftServer(config, Time.SYSTEM);
        try {
            // Returns once the broker is registered and unfenced, i.e. ready for clients
            starting.startup();
        } catch (RuntimeException e) {
            shutDownQuietly(starting);
            throw new IllegalStateException("In-process Kafka broker failed to start on " + bootstrapServers(), e);
        }
        server = starting;
        log.debug("In-process Kafka broker {} started in {} ms", bootstrapServers(), millisSince(started));
    }

    private Map<String, String> properties() {
        // Strings throughout: KafkaConfig wants a Short, not an Integer, for replication factors
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId()));
        p.put("controller.quorum.voters", clusterNode == null
                ? SINGLE_NODE_ID + "@127.0.0.1:" + controllerPort : clusterNode.voters());
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        if (secure()) {
            p.putAll(KafkaSecurity.brokerProperties(port, controllerPort, clusterNode.adminPassword()));
        } else {
            p.put("listeners", LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
                    + controllerPort);
            p.put("advertised.listeners", LISTENER + "://127.0.0.1:" + port);
            p.put("listener.security.protocol.map", LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
            p.put("inter.broker.listener.name", LISTENER);
        }
        p.put("log.dirs", logDir().toString());

        // Internal topics on every node (one of one, three of three); losing one node of several loses no offsets
        String replicas = String.valueOf(clusterNode == null ? 1 : clusterNode.size());
        String minIsr = String.valueOf(clusterNode == null ? 1 : Math.max(1, clusterNode.size() - 1));
        p.put("offsets.topic.replication.factor", replicas);
        p.put("transaction.state.log.replication.factor", replicas);
        p.put("transaction.state.log.min.isr", minIsr);
        p.put("share.coordinator.state.topic.replication.factor", replicas);
        p.put("share.coordinator.state.topic.min.isr", minIsr);
        p.put("default.replication.factor", replicas);
        p.put("min.insync.replicas", minIsr);
        // Fewer internal partitions make the first group and transaction coordinator loads fast
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");

        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Unfences the broker sooner after (re)start; the default is 2 s
        p.put("broker.heartbeat.interval.ms", "500");
        if (clusterNode != null) {
            // A killed node's partitions get new leaders once the controller fences it: after 3 s, not the default 9
            p.put("broker.session.timeout.ms", "3000");
        }

        // Small footprint: tests and the local launcher share a JVM with several applications
        p.put("log.segment.bytes", String.valueOf(8 * 1024 * 1024));
        p.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "2");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("num.replica.fetchers", "1");
        return p;
    }

    private void formatIfNeeded(KafkaConfig config) {
        // A directory formatted earlier keeps its cluster id, topics and offsets
        if (Files.exists(logDir().resolve("meta.properties"))) {
            return;
        }
        try {
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(clusterNode == null ? Uuid.randomUuid().toString() : clusterNode.clusterId())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(config.logDirs());
            if (secure()) {
                // Brokers replicate as admin over SCRAM, whose credential lives in the metadata: it must be there
                // before any broker can fetch from another
                formatter.setScramArguments(List.of(KafkaSecurity.bootstrapScramCredential(clusterNode.adminPassword())));
            }
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka data directory " + dataDir, e);
        }
    }

    private boolean secure() {
        return clusterNode != null && clusterNode.adminPassword() != null;
    }

    private int nodeId() {
        return clusterNode == null ? SINGLE_NODE_ID : clusterNode.nodeId();
    }

    /** Kafka's log directory, a child of the data directory so that directory can hold other files. */
    private Path logDir() {
        return dataDir.resolve("log");
    }

    private static void shutDownQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.debug("Shutting down a Kafka server that failed to start also failed", e);
        }
    }

    private static boolean causedByBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete {}: {}", dir, e.getMessage());
        }
    }
}

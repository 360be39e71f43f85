package io.techex.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A KRaft cluster of several Apache Kafka nodes on 127.0.0.1, each node (broker and controller in one) its own JVM
 * started from this JVM's class path: a node can be killed ({@link #kill(int)}, SIGKILL) as a machine dies, which a
 * broker inside the test JVM cannot be.
 *
 * <p>Every node is a voter of the controller quorum and a broker, so three nodes keep both a controller majority and
 * two in-sync replicas when one dies. Each node's output goes to {@code node-<id>.log} in the cluster's data
 * directory. A node exits by itself when this JVM dies, however it dies (it watches its standard input, which this
 * JVM holds open), so a crashed test leaves no broker behind. Instances are thread-safe.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

    /** Three JVMs formatting storage and electing a controller on two shared cores take a while. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final int START_ATTEMPTS = 3;
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final String CLUSTER_ID_FILE = "cluster.id";

    private final List<Node> nodes;
    private final String clusterId;
    private final Path dataDir;
    private final boolean ownsDataDir;
    /** Null for plaintext listeners. */
    private final String adminPassword;
    private final Map<Integer, Process> processes = new ConcurrentHashMap<>();
    private boolean closed;

    /** One node's fixed address and storage. */
    private record Node(int id, int port, int controllerPort, Path dir) {
    }

    private KafkaCluster(List<Node> nodes, String clusterId, Path dataDir, boolean ownsDataDir,
                         String adminPassword) {
        this.nodes = List.copyOf(nodes);
        this.clusterId = clusterId;
        this.dataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        this.adminPassword = adminPassword;
    }

    /**
     * Starts {@code size} nodes on free ports with a fresh temporary data directory, which {@link #close()} deletes,
     * returning once every broker is registered.
     */
    public static KafkaCluster start(int size) {
        return start(size, null);
    }

    /**
     * As {@link #start(int)}, but secure when {@code adminPassword} is not null: clients authenticate with
     * SASL/SCRAM-SHA-512 and may do only what ACLs grant them, except the super user {@link KafkaSecurity#ADMIN}, who
     * has that password ({@link #adminConfig()}). No other user exists until one is created.
     */
    public static KafkaCluster start(int size, String adminPassword) {
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            Path dir;
            try {
                dir = Files.createTempDirectory("techex-kafka-cluster-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a data directory for the Kafka cluster", e);
            }
            List<Node> nodes = IntStream.rangeClosed(1, size)
                    .mapToObj(id -> new Node(id, FreePorts.pick(), FreePorts.pick(), dir.resolve("node-" + id)))
                    .toList();
            try {
                return start(nodes, Uuid.randomUuid().toString(), dir, true, adminPassword);
            } catch (RuntimeException e) {
                // A port free when picked can be taken before the node binds it (by any process's outgoing
                // connection, which gets its local port from the same range): new ports, a new cluster
                lastFailure = e;
                String failure = String.valueOf(e.getMessage());
                if (!failure.contains("Address already in use") && !failure.contains("failed to bind")) {
                    throw e;
                }
                log.warn("Kafka cluster start, attempt {} of {}: a port was taken meanwhile, trying others", attempt,
                        START_ATTEMPTS);
            }
        }
        throw lastFailure;
    }

    /**
     * Starts {@code size} nodes on consecutive ports ({@code firstPort}, {@code firstPort + 1}, ...) keeping their data
     * in {@code dataDir}: a directory that holds a cluster from an earlier run (of the same size and ports) is reused
     * with its topics and offsets. {@link #close()} leaves the directory in place.
     */
    public static KafkaCluster start(int size, int firstPort, int firstControllerPort, Path dataDir) {
        return start(size, firstPort, firstControllerPort, dataDir, null);
    }

    /**
     * As {@link #start(int, int, int, Path)}, secure when {@code adminPassword} is not null (see
     * {@link #start(int, String)}). A directory formatted by a secure run keeps the admin password it was formatted
     * with.
     */
    public static KafkaCluster start(int size, int firstPort, int firstControllerPort, Path dataDir,
                                     String adminPassword) {
        Path dir = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(dir);
            Path idFile = dir.resolve(CLUSTER_ID_FILE);
            if (!Files.exists(idFile)) {
                Files.writeString(idFile, Uuid.randomUuid().toString());
            }
            String clusterId = Files.readString(idFile).strip();
            List<Node> nodes = IntStream.rangeClosed(1, size)
                    .mapToObj(id -> new Node(id, firstPort + id - 1, firstControllerPort + id - 1,
                            dir.resolve("node-" + id)))
                    .toList();
            return start(nodes, clusterId, dir, false, adminPassword);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare Kafka cluster directory " + dir, e);
        }
    }

    private static KafkaCluster start(List<Node> nodes, String clusterId, Path dir, boolean ownsDataDir,
                                      String adminPassword) {
        if (nodes.size() < 1) {
            throw new IllegalArgumentException("A cluster needs at least one node");
        }
        long started = System.nanoTime();
        KafkaCluster cluster = new KafkaCluster(nodes, clusterId, dir, ownsDataDir, adminPassword);
        try {
            // All at once: each node's start waits for a controller majority, which needs the others
            nodes.forEach(cluster::launch);
            cluster.awaitBrokers();
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        log.info("Kafka cluster of {} {}nodes at {} started in {} ms ({})", nodes.size(),
                adminPassword == null ? "" : "secure ", cluster.bootstrapServers(), Duration.ofNanos(System.nanoTime() - started).toMillis(), dir);
        return cluster;
    }

    /** Every node's client address, {@code 127.0.0.1:<port>,...}; clients find the live ones among them. */
    public String bootstrapServers() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    /** Whether clients must authenticate (SASL/SCRAM) and be granted what they do by ACLs. */
    public boolean isSecure() {
        return adminPassword != null;
    }

    /** Settings of an admin client of the super user (of any client when the cluster is not secure). */
    public Map<String, Object> adminConfig() {
        return adminPassword == null
                ? Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers())
                : KafkaSecurity.clientConfig(bootstrapServers(), KafkaSecurity.ADMIN, adminPassword);
    }

    /** Settings of a client of a secure cluster logging in as {@code user}. */
    public Map<String, Object> clientConfig(String user, String password) {
        if (adminPassword == null) {
            throw new IllegalStateException("The Kafka cluster " + bootstrapServers() + " is not secure");
        }
        return KafkaSecurity.clientConfig(bootstrapServers(), user, password);
    }

    /** The number of nodes, running or not. */
    public int size() {
        return nodes.size();
    }

    /** The client port of node {@code nodeId} (1 to {@link #size()}), which is also its broker id. */
    public int port(int nodeId) {
        return node(nodeId).port();
    }

    /** The directory holding every node's data and log. */
    public Path dataDirectory() {
        return dataDir;
    }

    /** Whether node {@code nodeId}'s process is alive. */
    public boolean isRunning(int nodeId) {
        Process process = processes.get(node(nodeId).id());
        return process != null && process.isAlive();
    }

    /** The operating system's id of node {@code nodeId}'s process. */
    public long pid(int nodeId) {
        Process process = processes.get(node(nodeId).id());
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException("Kafka node " + nodeId + " is not running");
        }
        return process.pid();
    }

    /** Kills node {@code nodeId} with SIGKILL, no shutdown of any kind, and waits until its process is gone. */
    public synchronized void kill(int nodeId) {
        Process process = processes.remove(node(nodeId).id());
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        waitFor(process, Duration.ofSeconds(30));
        log.info("Kafka node {} (pid {}) killed", nodeId, process.pid());
    }

    /**
     * Starts every node that is not running (after {@link #kill(int)}, say) on its old ports and data, returning once
     * all brokers are registered again.
     */
    public synchronized void restartStopped() {
        if (closed) {
            throw new IllegalStateException("The Kafka cluster " + bootstrapServers() + " is closed");
        }
        boolean any = false;
        for (Node node : nodes) {
            if (!isRunning(node.id())) {
                launch(node);
                any = true;
            }
        }
        if (any) {
            awaitBrokers();
        }
    }

    /**
     * Stops every node and deletes the data directory if {@link #start(int)} created it. A cluster whose data stays
     * is stopped gently (each broker finishes writing); one whose data goes is killed, which is quicker.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Process> running = new ArrayList<>(processes.values());
        processes.clear();
        for (Process process : running) {
            if (ownsDataDir) {
                process.destroyForcibly();
            } else {
                process.destroy();
            }
        }
        for (Process process : running) {
            if (!waitFor(process, GRACEFUL_STOP)) {
                process.destroyForcibly();
                waitFor(process, Duration.ofSeconds(10));
            }
        }
        if (ownsDataDir) {
            InProcessKafkaBroker.deleteRecursively(dataDir);
        }
        log.info("Kafka cluster {} stopped", bootstrapServers());
    }

    @Override
    public String toString() {
        return "KafkaCluster[" + bootstrapServers() + ", " + dataDir + "]";
    }

    private Node node(int nodeId) {
        if (nodeId < 1 || nodeId > nodes.size()) {
            throw new IllegalArgumentException("No Kafka node " + nodeId + " in a cluster of " + nodes.size());
        }
        return nodes.get(nodeId - 1);
    }

    private synchronized void launch(Node node) {
        String voters = nodes.stream().map(n -> n.id() + "@127.0.0.1:" + n.controllerPort())
                .collect(Collectors.joining(","));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java,
                // Small and quick to start: three of these share the machine with the tests
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Dlogback.configurationFile=" + KafkaBrokerMain.LOGBACK_CONFIGURATION,
                "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(),
                "--node", String.valueOf(node.id()),
                "--port", String.valueOf(node.port()),
                "--controller-port", String.valueOf(node.controllerPort()),
                "--voters", voters,
                "--cluster-id", clusterId,
                "--size", String.valueOf(nodes.size()),
                "--data-dir", node.dir().toString(),
                "--exit-with-parent"));
        if (adminPassword != null) {
            command.add("--secure");
        }
        File logFile = dataDir.resolve("node-" + node.id() + ".log").toFile();
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (adminPassword != null) {
                // The environment, not the command line, which every user of the machine can read
                builder.environment().put(KafkaSecurity.ADMIN_PASSWORD_ENV, adminPassword);
            }
            Process process = builder
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile))
                    // stdin stays a pipe this JVM never closes: the node sees its end when this JVM is gone
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            processes.put(node.id(), process);
            log.debug("Kafka node {} started as pid {} on 127.0.0.1:{}", node.id(), process.pid(), node.port());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Kafka node " + node.id(), e);
        }
    }

    private void awaitBrokers() {
        // Ports first: an admin client asked earlier logs a warning for every refused connection, many a second
        Awaitility.await("all " + nodes.size() + " Kafka nodes listening")
                .atMost(START_TIMEOUT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    failIfAnyNodeDied();
                    return nodes.stream().allMatch(n -> listening(n.port()));
                });
        Properties config = new Properties();
        config.putAll(adminConfig());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        try (Admin admin = Admin.create(config)) {
            Awaitility.await("all " + nodes.size() + " Kafka brokers registered")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        failIfAnyNodeDied();
                        try {
                            return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size() == nodes.size();
                        } catch (Exception notYet) {
                            return false;
                        }
                    });
        }
    }

    private void failIfAnyNodeDied() {
        for (Map.Entry<Integer, Process> entry : processes.entrySet()) {
            if (!entry.getValue().isAlive()) {
                throw new IllegalStateException("Kafka node " + entry.getKey() + " exited with "
                        + entry.getValue().exitValue() + " while starting; its log ends:\n"
                        + tail(dataDir.resolve("node-" + entry.getKey() + ".log"), 40));
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

package io.techex.launcher;

import io.techex.testkit.KafkaCluster;
import redis.clients.jedis.HostAndPort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The exchange as separate processes on one machine, as a deployment runs it: a KRaft Kafka of its own (one node, or
 * three with {@code --kafka-cluster}), the authorization server, listing-, contract- and notification-service, two
 * instances each of bidding- and audit-service, and the web console, every application a JVM started from its
 * executable jar ({@link ServiceProcess}) with its log in a directory of its own. Kill one instance
 * ({@code kill -9 <pid>}) and the other carries on: deadlines fire once, the audit log stays the one a single instance
 * writes. Ctrl-C stops everything. {@code infra/deploy/processes.sh} builds the jars and runs this.
 * <pre>
 *   --kafka-cluster   three Kafka nodes (127.0.0.1:19092-19094), topics replicated 3 times, 2 in sync
 *   --logs D          the logs' directory (default ~/.techex/processes/logs)
 * </pre>
 */
public final class SeparateProcesses {

    static final int AUTH_PORT = 9000;
    static final int CONSOLE_PORT = 8080;
    /** Application, its module directory, its instances' ports. */
    static final List<Application> APPLICATIONS = List.of(
            new Application("listing-service", "listing-service", List.of(8081)),
            new Application("bidding-service", "bidding-service", List.of(8082, 8182)),
            new Application("contract-service", "contract-service", List.of(8083)),
            new Application("audit-service", "audit-service", List.of(8084, 8184)),
            new Application("notification-service", "notification-service", List.of(8085)));
    static final String READY = "/actuator/health/readiness";

    record Application(String name, String module, List<Integer> ports) {
    }

    private final List<ServiceProcess> processes = new ArrayList<>();
    private final TechExLocal mail = new TechExLocal();
    private KafkaCluster kafka;

    public static void main(String[] args) throws Exception {
        // before any logger exists: this JVM only starts others, and Kafka's clients log hundreds of INFO lines
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "io/techex/testkit/kafka-broker-logback.xml");
        }
        boolean cluster = false;
        Path logs = Path.of(System.getProperty("user.home"), ".techex", "processes", "logs");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kafka-cluster" -> cluster = true;
                case "--logs" -> logs = Path.of(args[++i]);
                default -> {
                    System.err.println("Usage: SeparateProcesses [--kafka-cluster] [--logs DIR]");
                    System.exit(2);
                }
            }
        }
        long started = System.nanoTime();
        SeparateProcesses exchange = new SeparateProcesses();
        Runtime.getRuntime().addShutdownHook(new Thread(exchange::stop, "separate-processes-stop"));
        try {
            exchange.start(cluster, logs.toAbsolutePath());
        } catch (Exception | Error failure) {
            System.err.println("TechEx could not start: " + failure.getMessage());
            System.exit(1);
        }
        System.out.printf("%nTechEx is up in %.1f s, %d processes (logs in %s):%n", (System.nanoTime() - started) / 1e9,
                exchange.processes.size(), logs.toAbsolutePath());
        for (ServiceProcess process : exchange.processes) {
            System.out.printf("  %-22s http://localhost:%d   pid %d%n", process.name(), process.port(), process.pid());
        }
        System.out.printf("  %-22s %s   (nodes' logs in %s)%n", "kafka", exchange.kafka.bootstrapServers(),
                exchange.kafka.dataDirectory());
        System.out.println("Open the web console: http://localhost:" + CONSOLE_PORT + " (it calls bidding- and audit-service's"
                + " first instances); sign in as one of the demo people (password 'demo'):");
        TechExLocal.DEMO_PEOPLE.forEach(line -> System.out.println("  " + line));
        System.out.println("Kill an instance hard (kill -9 <pid>) and the other carries on. Press Ctrl-C to stop.");
        Thread.currentThread().join();
    }

    void start(boolean cluster, Path logs) throws Exception {
        Path root = ServiceProcess.projectRoot();
        Map<String, Path> jars = new LinkedHashMap<>();
        jars.put("authserver", ServiceProcess.execJar(root, "infra/authserver"));
        for (Application application : APPLICATIONS) {
            jars.put(application.name(), ServiceProcess.execJar(root, application.module()));
        }
        jars.put("web-console", ServiceProcess.execJar(root, "web-console"));
        List<Integer> ports = new ArrayList<>(List.of(AUTH_PORT, CONSOLE_PORT));
        APPLICATIONS.forEach(application -> ports.addAll(application.ports()));
        int kafkaPort = cluster ? 19092 : 9092;
        for (int node = 0; node < (cluster ? 3 : 1); node++) {
            ports.add(kafkaPort + node);
            ports.add(kafkaPort + 100 + node);
        }
        List<Integer> taken = ports.stream().filter(port -> !TechExLocal.isFree(port)).toList();
        if (!taken.isEmpty()) {
            throw new IllegalStateException("ports in use: " + taken + " (is TechEx running already, in one process or several?)");
        }
        Files.createDirectories(logs);

        String database = cluster ? "techex_cluster" : "techex_processes";
        String postgresUrl = env("TECHEX_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
        TechExLocal.createDatabaseIfMissing(postgresUrl);
        HostAndPort redis = HostAndPort.from(env("TECHEX_REDIS", "127.0.0.1:6379"));
        TechExLocal.checkRedis(redis);
        String issuer = "http://localhost:" + AUTH_PORT;

        ServiceProcess authserver = new ServiceProcess("authserver", jars.get("authserver"), ServiceProcess.SMALL_JVM,
                Map.of(), AUTH_PORT, "/actuator/health", logs).start();
        processes.add(authserver);
        Path kafkaData = Path.of(System.getProperty("user.home"), ".techex", cluster ? "kafka-cluster" : "kafka-processes");
        CompletableFuture<KafkaCluster> kafkaStarting = CompletableFuture.supplyAsync(() ->
                KafkaCluster.start(cluster ? 3 : 1, kafkaPort, kafkaPort + 100, kafkaData));

        Map<String, Object> shared = new LinkedHashMap<>();
        shared.put("spring.datasource.url", postgresUrl);
        // Flyway as the administrator; each service as its own role (techex_listing...), which has no password: where
        // the server wants one, the services connect as the administrator too (as TechExLocal)
        shared.put("spring.flyway.user", env("TECHEX_POSTGRES_USER", "postgres"));
        shared.put("spring.flyway.password", env("TECHEX_POSTGRES_PASSWORD", ""));
        if (!env("TECHEX_POSTGRES_PASSWORD", "").isEmpty()) {
            shared.put("spring.datasource.username", env("TECHEX_POSTGRES_USER", "postgres"));
            shared.put("spring.datasource.password", env("TECHEX_POSTGRES_PASSWORD", ""));
        }
        shared.put("spring.datasource.hikari.maximum-pool-size", 5);
        shared.put("techex.redis.host", redis.getHost());
        shared.put("techex.redis.port", redis.getPort());
        shared.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        // one key for both audit instances, as every replica must sign with the same
        shared.putAll(TechExLocal.demoMode());
        shared.putAll(mail.mailServer());
        // a killed instance's Kafka partitions go to the other after 10 s rather than the client's default 45 s
        shared.put("spring.kafka.consumer.properties.session.timeout.ms", 10_000);
        if (cluster) {
            shared.put("techex.kafka.topics.replication-factor", 3);
            shared.put("techex.kafka.topics.min-insync-replicas", 2);
        }
        kafka = kafkaStarting.join();
        shared.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        System.out.println("Kafka: " + kafka.bootstrapServers() + "; PostgreSQL: " + postgresUrl);

        List<ServiceProcess> services = new ArrayList<>();
        for (Application application : APPLICATIONS) {
            for (int i = 0; i < application.ports().size(); i++) {
                String name = application.ports().size() == 1 ? application.name() : application.name() + "-" + (i + 1);
                services.add(new ServiceProcess(name, jars.get(application.name()), ServiceProcess.SMALL_JVM, shared,
                        application.ports().get(i), READY, logs).start());
            }
        }
        processes.addAll(services);
        authserver.awaitReady(Duration.ofMinutes(3));

        Map<String, Object> console = new LinkedHashMap<>();
        console.put("spring.security.oauth2.client.provider.techex.issuer-uri", issuer);
        for (Application application : APPLICATIONS) {
            console.put("techex.console." + application.name().replace("-service", "") + "-url",
                    "http://localhost:" + application.ports().getFirst());
        }
        ServiceProcess webConsole = new ServiceProcess("web-console", jars.get("web-console"), ServiceProcess.SMALL_JVM,
                console, CONSOLE_PORT, READY, logs).start();
        processes.add(webConsole);
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofMinutes(5));
        }
        webConsole.awaitReady(Duration.ofMinutes(3));
    }

    /** The applications first, all at once (each finishes what it does), then Kafka, then the mail server. */
    void stop() {
        List<ServiceProcess> running = List.copyOf(processes);
        processes.clear();
        running.stream().map(process -> CompletableFuture.runAsync(process::close)).toList().forEach(CompletableFuture::join);
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        mail.stop();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

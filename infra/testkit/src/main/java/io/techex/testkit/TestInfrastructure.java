package io.techex.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Real PostgreSQL, Kafka and Redis for every test in this JVM, and for each test context a fresh database and
 * namespace on them ({@link #newEnvironment(String)}). One per JVM: {@link #get()}.
 *
 * <p>Each of the three services is resolved once, independently, in this order:
 * <ol>
 *   <li>from environment variables:
 *     <ul>
 *       <li>{@code TECHEX_TEST_POSTGRES_URL}: JDBC URL of a database from which the kit may {@code CREATE DATABASE},
 *           e.g. {@code jdbc:postgresql://db:5432/postgres}, with {@code TECHEX_TEST_POSTGRES_USER} (default
 *           {@code postgres}) and {@code TECHEX_TEST_POSTGRES_PASSWORD} (default empty);</li>
 *       <li>{@code TECHEX_TEST_KAFKA_BOOTSTRAP}: {@code host:port[,host:port...]};</li>
 *       <li>{@code TECHEX_TEST_REDIS}: {@code host:port};</li>
 *     </ul></li>
 *   <li>Testcontainers ({@code postgres:15-alpine}, {@code apache/kafka:4.2.1}, {@code redis:7-alpine}), started
 *       once per JVM, when a Docker engine answers within 3 seconds (asked only where a Docker endpoint is configured
 *       or its socket exists); {@code TECHEX_TEST_NO_DOCKER=true} skips Docker;</li>
 *   <li>local services: the PostgreSQL at 127.0.0.1:5432 ({@code PGHOST}/{@code PGPORT} override it; user
 *       {@code PGUSER} or {@code postgres}, then {@code root}; password {@code PGPASSWORD} or empty; admin database
 *       {@code postgres}), or an embedded PostgreSQL 14 (zonky) when none is usable there; the Redis at
 *       127.0.0.1:6379; and an {@link InProcessKafkaBroker}.</li>
 * </ol>
 * Kafka may instead be a {@link KafkaCluster} of separate processes, started when {@value #KAFKA_CLUSTER_ENV} gives its
 * size (and {@value #KAFKA_BOOTSTRAP_ENV} is unset), to run tests against replicated topics.
 * One log line says what was chosen. What the kit started is stopped when the JVM exits, after Spring Boot has
 * closed its application contexts; the databases this JVM created are dropped then too, and databases of crashed
 * runs (named {@code techex_t_<yyMMddHHmm UTC>_...}, older than 6 hours) are dropped on first use.
 */
public final class TestInfrastructure {

    /** JDBC URL of a database from which the kit may {@code CREATE DATABASE}. */
    public static final String POSTGRES_URL_ENV = "TECHEX_TEST_POSTGRES_URL";
    /** User for {@value #POSTGRES_URL_ENV}; {@code postgres} when unset. */
    public static final String POSTGRES_USER_ENV = "TECHEX_TEST_POSTGRES_USER";
    /** Password for {@value #POSTGRES_URL_ENV}; empty when unset. */
    public static final String POSTGRES_PASSWORD_ENV = "TECHEX_TEST_POSTGRES_PASSWORD";
    /** Kafka bootstrap servers, {@code host:port[,host:port...]}. */
    public static final String KAFKA_BOOTSTRAP_ENV = "TECHEX_TEST_KAFKA_BOOTSTRAP";
    /**
     * A number of nodes, say {@code 3}: Kafka is then a {@link KafkaCluster} of that many processes instead of one
     * broker in this JVM (unless {@value #KAFKA_BOOTSTRAP_ENV} names a Kafka); Docker is not asked for Kafka.
     */
    public static final String KAFKA_CLUSTER_ENV = "TECHEX_KAFKA_CLUSTER";
    /** Redis address, {@code host:port}. */
    public static final String REDIS_ENV = "TECHEX_TEST_REDIS";
    /** {@code true} skips Testcontainers even where Docker answers. */
    public static final String NO_DOCKER_ENV = "TECHEX_TEST_NO_DOCKER";

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);

    private static final Duration LEFTOVER_AGE = Duration.ofHours(6);
    private static final int MAX_DATABASE_NAME = 63;
    private static final String NAMESPACE_FIRST = "abcdefghijklmnopqrstuvwxyz";
    private static final String NAMESPACE_REST = NAMESPACE_FIRST + "0123456789";
    private static final int NAMESPACE_LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Object LOCK = new Object();
    private static volatile TestInfrastructure instance;
    private static RuntimeException failure;

    private final Map<String, String> env;
    private final Resolved<PostgresServer> postgres;
    private final Resolved<String> kafka;
    private final Resolved<HostPort> redis;
    private final Set<String> createdDatabases = ConcurrentHashMap.newKeySet();
    private final Set<String> namespaces = ConcurrentHashMap.newKeySet();
    private volatile boolean shutDown;

    /**
     * The infrastructure of this JVM, resolved and started on first call. A failure is remembered, so later callers
     * fail at once with the same cause instead of waiting again.
     */
    public static TestInfrastructure get() {
        TestInfrastructure current = instance;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (instance != null) {
                return instance;
            }
            if (failure != null) {
                throw new IllegalStateException("The TechEx test infrastructure failed to start earlier in this JVM",
                        failure);
            }
            try {
                TestInfrastructure created = new TestInfrastructure(System.getenv());
                ShutdownSequence.register(created::shutdown);
                instance = created;
                return created;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }
    }

    /** Resolves and starts the services described by {@code env}; {@link #get()} passes the process environment. */
    TestInfrastructure(Map<String, String> env) {
        long started = System.nanoTime();
        this.env = Map.copyOf(env);
        boolean docker = needsDocker() && dockerAnswers();

        ExecutorService executor = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "techex-testkit-resolve");
            thread.setDaemon(true);
            return thread;
        });
        // The services are independent and each may take seconds (a broker, a container), so they start together
        CompletableFuture<Resolved<String>> kafkaFuture =
                CompletableFuture.supplyAsync(() -> resolveKafka(docker), executor);
        CompletableFuture<Resolved<PostgresServer>> postgresFuture =
                CompletableFuture.supplyAsync(() -> resolvePostgres(docker), executor);
        CompletableFuture<Resolved<HostPort>> redisFuture =
                CompletableFuture.supplyAsync(() -> resolveRedis(docker), executor);
        try {
            CompletableFuture.allOf(kafkaFuture, postgresFuture, redisFuture).exceptionally(ignored -> null).join();
        } finally {
            executor.shutdown();
        }
        List<Throwable> failures = new ArrayList<>();
        this.kafka = outcome(kafkaFuture, failures);
        this.postgres = outcome(postgresFuture, failures);
        this.redis = outcome(redisFuture, failures);
        if (!failures.isEmpty()) {
            stopAll();
            IllegalStateException error = new IllegalStateException(
                    "TechEx test infrastructure could not start: " + failures.getFirst().getMessage(),
                    failures.getFirst());
            failures.stream().skip(1).forEach(error::addSuppressed);
            throw error;
        }
        dropLeftoverDatabases();
        log.info("TechEx test infrastructure ready in {} ms{}: PostgreSQL {} | Kafka {} | Redis {}",
                Duration.ofNanos(System.nanoTime() - started).toMillis(), docker ? " (Docker answers)" : "",
                postgres.description(), kafka.description(), redis.description());
    }

    /**
     * Creates a fresh database, {@code techex_t_<yyMMddHHmm>_<hint>_<namespace>}, with the {@code unaccent} and
     * {@code pg_trgm} extensions, and a fresh namespace; both unique to the returned environment. The database is
     * dropped when the JVM exits.
     *
     * @param hint a few letters saying who asked (the application name, say); cut and cleaned to fit the name
     */
    public TestEnvironment newEnvironment(String hint) {
        if (shutDown) {
            throw new IllegalStateException("The TechEx test infrastructure is shutting down");
        }
        String namespace = newNamespace();
        String database = databaseName(hint, namespace, LocalDateTime.now(ZoneOffset.UTC));
        PostgresServer server = postgres.value();
        server.createDatabase(database);
        createdDatabases.add(database);
        return new TestEnvironment(server.databaseUrl(database), server.username(), server.password(), database,
                namespace, kafka.value(), redis.value().host(), redis.value().port(), TestTokens.get().issuer());
    }

    /** Where Kafka clients connect: {@code host:port[,host:port...]}. */
    public String kafkaBootstrapServers() {
        return kafka.value();
    }

    /**
     * The broker running in this JVM, when neither the environment nor Docker gave one: tests that stop and restart
     * Kafka need it.
     */
    public Optional<InProcessKafkaBroker> inProcessKafka() {
        // The kit's own broker is its stopper; a given or containerised broker has another or none
        return kafka.stopper() instanceof InProcessKafkaBroker broker ? Optional.of(broker) : Optional.empty();
    }

    /** The cluster of Kafka processes this JVM started, when {@value #KAFKA_CLUSTER_ENV} asked for one. */
    public Optional<KafkaCluster> kafkaCluster() {
        return kafka.stopper() instanceof KafkaCluster cluster ? Optional.of(cluster) : Optional.empty();
    }

    /** The Redis host. */
    public String redisHost() {
        return redis.value().host();
    }

    /** The Redis port. */
    public int redisPort() {
        return redis.value().port();
    }

    PostgresServer postgresServer() {
        return postgres.value();
    }

    /** Drops the databases this instance created (unless their server goes away anyway) and stops what it started. */
    void shutdown() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        if (postgres != null && !postgres.startedHere()) {
            for (String database : createdDatabases) {
                try {
                    postgres.value().dropDatabase(database);
                } catch (RuntimeException e) {
                    log.warn("Could not drop test database {}: {}", database, rootMessage(e));
                }
            }
        }
        stopAll();
    }

    static String databaseName(String hint, String namespace, LocalDateTime nowUtc) {
        String prefix = PostgresServer.DATABASE_PREFIX + nowUtc.format(PostgresServer.STAMP) + "_";
        String suffix = "_" + namespace;
        String cleaned = (hint == null ? "" : hint).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (cleaned.isEmpty()) {
            cleaned = "app";
        }
        int room = MAX_DATABASE_NAME - prefix.length() - suffix.length();
        if (cleaned.length() > room) {
            cleaned = cleaned.substring(0, room).replaceAll("_+$", "");
        }
        return prefix + cleaned + suffix;
    }

    private String newNamespace() {
        while (true) {
            StringBuilder name = new StringBuilder(NAMESPACE_LENGTH);
            // A leading letter keeps the namespace a valid identifier wherever it ends up
            name.append(NAMESPACE_FIRST.charAt(RANDOM.nextInt(NAMESPACE_FIRST.length())));
            for (int i = 1; i < NAMESPACE_LENGTH; i++) {
                name.append(NAMESPACE_REST.charAt(RANDOM.nextInt(NAMESPACE_REST.length())));
            }
            if (namespaces.add(name.toString())) {
                return name.toString();
            }
        }
    }

    // --- resolution

    private Resolved<String> resolveKafka(boolean docker) {
        String given = env(KAFKA_BOOTSTRAP_ENV);
        if (given != null) {
            return Resolved.given(given, given + " (" + KAFKA_BOOTSTRAP_ENV + ")");
        }
        String clusterSize = env(KAFKA_CLUSTER_ENV);
        if (clusterSize != null) {
            long started = System.nanoTime();
            int size;
            try {
                size = Integer.parseInt(clusterSize);
            } catch (NumberFormatException e) {
                throw new IllegalStateException(KAFKA_CLUSTER_ENV + " must be a number of nodes, not " + clusterSize, e);
            }
            KafkaCluster cluster = KafkaCluster.start(size);
            return new Resolved<>(cluster.bootstrapServers(), "KRaft cluster of " + size + " processes "
                    + cluster.bootstrapServers() + " (started in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms)", cluster);
        }
        if (docker) {
            return Containers.kafka();
        }
        long started = System.nanoTime();
        InProcessKafkaBroker broker = InProcessKafkaBroker.start();
        return new Resolved<>(broker.bootstrapServers(), "in-process KRaft broker "
                + broker.bootstrapServers() + " (started in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms)", broker);
    }

    private Resolved<PostgresServer> resolvePostgres(boolean docker) {
        String url = env(POSTGRES_URL_ENV);
        if (url != null) {
            PostgresServer server = new PostgresServer(url, envOr(POSTGRES_USER_ENV, "postgres"),
                    envOr(POSTGRES_PASSWORD_ENV, ""), url + " (" + POSTGRES_URL_ENV + ")");
            try {
                server.check();
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL from " + POSTGRES_URL_ENV + " does not answer at " + url
                        + " as " + server.username() + ": " + e.getMessage(), e);
            }
            return Resolved.given(server, server.description());
        }
        if (docker) {
            return Containers.postgres();
        }
        return localPostgres();
    }

    private Resolved<PostgresServer> localPostgres() {
        String host = envOr("PGHOST", "127.0.0.1");
        if (host.startsWith("/")) {
            // A Unix socket directory: JDBC needs TCP
            host = "127.0.0.1";
        }
        String address = host + ":" + envOr("PGPORT", "5432");
        String url = "jdbc:postgresql://" + address + "/postgres";
        Set<String> users = new LinkedHashSet<>(List.of(envOr("PGUSER", "postgres"), "root"));
        List<String> refusals = new ArrayList<>();
        for (String user : users) {
            PostgresServer server = new PostgresServer(url, user, envOr("PGPASSWORD", ""),
                    "local " + address + " as " + user);
            try {
                server.check();
                return Resolved.given(server, server.description());
            } catch (SQLException e) {
                refusals.add(user + ": " + e.getMessage());
            }
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            PostgresServer server = new PostgresServer(embedded.getJdbcUrl("postgres", "postgres"), "postgres", "",
                    "embedded on port " + embedded.getPort() + ", data gone at exit (nothing usable at " + address
                            + ": " + String.join("; ", refusals) + ")");
            return new Resolved<>(server, server.description(), embedded);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("No PostgreSQL: none usable at " + address + " (" + String.join("; ",
                    refusals) + ") and an embedded one did not start. Start PostgreSQL (see README) or set "
                    + POSTGRES_URL_ENV, e);
        }
    }

    private Resolved<HostPort> resolveRedis(boolean docker) {
        String given = env(REDIS_ENV);
        if (given != null) {
            HostPort address = HostPort.parse(given, REDIS_ENV);
            checkRedis(address, "set by " + REDIS_ENV);
            return Resolved.given(address, address + " (" + REDIS_ENV + ")");
        }
        if (docker) {
            return Containers.redis();
        }
        HostPort address = new HostPort("127.0.0.1", 6379);
        checkRedis(address, "start it (redis-server --daemonize yes --save \"\" --appendonly no) or set " + REDIS_ENV);
        return Resolved.given(address, "local " + address);
    }

    private static void checkRedis(HostPort address, String advice) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(2000)
                .socketTimeoutMillis(2000)
                .build();
        try (Jedis jedis = new Jedis(new HostAndPort(address.host(), address.port()), config)) {
            jedis.ping();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Redis does not answer at " + address + ": " + advice, e);
        }
    }

    private boolean needsDocker() {
        if ("true".equalsIgnoreCase(env(NO_DOCKER_ENV))) {
            return false;
        }
        return env(POSTGRES_URL_ENV) == null || env(KAFKA_BOOTSTRAP_ENV) == null || env(REDIS_ENV) == null;
    }

    /**
     * Asks Testcontainers only where some Docker endpoint is configured or present: without one, the answer is known,
     * and asking would load Testcontainers and log its errors in every test JVM.
     */
    private boolean dockerAnswers() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        String home = System.getProperty("user.home", "");
        String runtimeDir = env("XDG_RUNTIME_DIR");
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".testcontainers.properties")));
        if (runtimeDir != null) {
            candidates.add(Path.of(runtimeDir, "docker.sock"));
            candidates.add(Path.of(runtimeDir, ".docker", "run", "docker.sock"));
        }
        boolean configured = windows || env("DOCKER_HOST") != null || candidates.stream().anyMatch(Files::exists);
        return configured && Containers.dockerAnswers();
    }

    private void dropLeftoverDatabases() {
        try {
            List<String> dropped = postgres.value()
                    .dropDatabasesOlderThan(LocalDateTime.now(ZoneOffset.UTC).minus(LEFTOVER_AGE));
            if (!dropped.isEmpty()) {
                log.info("Dropped {} test databases left by earlier runs: {}", dropped.size(), dropped);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("Could not drop test databases left by earlier runs: {}", rootMessage(e));
        }
    }

    // --- shutdown

    private void stopAll() {
        for (Resolved<?> resolved : new Resolved<?>[] {redis, kafka, postgres}) {
            if (resolved != null && resolved.startedHere()) {
                try {
                    resolved.stopper().close();
                } catch (Exception e) {
                    log.warn("Could not stop {}: {}", resolved.description(), rootMessage(e));
                }
            }
        }
    }

    // --- helpers

    private static <T> Resolved<T> outcome(CompletableFuture<Resolved<T>> future, List<Throwable> failures) {
        try {
            return future.join();
        } catch (CompletionException e) {
            failures.add(e.getCause() == null ? e : e.getCause());
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }

    private String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private String envOr(String name, String fallback) {
        String value = env(name);
        return value == null ? fallback : value;
    }
}

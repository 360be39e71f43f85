package io.techex.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real PostgreSQL, Kafka and Redis for every test in this JVM, resolved once, each independently, in this order:
 * <ol>
 *   <li>addresses from the environment: {@code TECHEX_TEST_POSTGRES_URL} (a JDBC URL of a database in which the
 *       kit may {@code CREATE DATABASE}), {@code TECHEX_TEST_POSTGRES_USER}, {@code TECHEX_TEST_POSTGRES_PASSWORD};
 *       {@code TECHEX_TEST_KAFKA_BOOTSTRAP} ({@code host:port,...}); {@code TECHEX_TEST_REDIS} ({@code host:port});</li>
 *   <li>Testcontainers, where a Docker engine answers ({@code TECHEX_TEST_NO_DOCKER=true} skips the check);</li>
 *   <li>the local PostgreSQL on 127.0.0.1:5432 (user {@code PGUSER} or postgres), the local Redis on
 *       127.0.0.1:6379, and an {@link InProcessKafkaBroker}.</li>
 * </ol>
 * Each {@link #newEnvironment} gets a fresh database and namespace, so tests never see each other's data.
 * Databases this JVM created are dropped when it exits; leftovers of crashed runs older than 6 hours are dropped
 * on the next resolution.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmm");
    private static volatile TestInfrastructure instance;

    private final String adminUrl;
    private final String username;
    private final String password;
    private final String kafkaBootstrapServers;
    private final InProcessKafkaBroker inProcessKafka;
    private final String redisHost;
    private final int redisPort;
    private final List<String> createdDatabases = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> started = new ArrayList<>();

    public static TestInfrastructure get() {
        if (instance == null) {
            synchronized (TestInfrastructure.class) {
                if (instance == null) {
                    instance = new TestInfrastructure();
                    Runtime.getRuntime().addShutdownHook(new Thread(instance::shutdown, "techex-testkit-shutdown"));
                }
            }
        }
        return instance;
    }

    private TestInfrastructure() {
        boolean docker = dockerAnswers();

        String postgresUrl = env("TECHEX_TEST_POSTGRES_URL");
        if (postgresUrl != null) {
            adminUrl = postgresUrl;
            username = envOr("TECHEX_TEST_POSTGRES_USER", "postgres");
            password = envOr("TECHEX_TEST_POSTGRES_PASSWORD", "");
            log.info("PostgreSQL: {} (TECHEX_TEST_POSTGRES_URL)", adminUrl);
        } else if (docker) {
            var container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            started.add(container::stop);
            adminUrl = container.getJdbcUrl();
            username = container.getUsername();
            password = container.getPassword();
            log.info("PostgreSQL: Testcontainers {}", adminUrl);
        } else {
            adminUrl = "jdbc:postgresql://127.0.0.1:5432/postgres";
            username = envOr("PGUSER", "postgres");
            password = envOr("PGPASSWORD", "");
            log.info("PostgreSQL: local {}", adminUrl);
        }
        dropLeftoverDatabases();

        String kafka = env("TECHEX_TEST_KAFKA_BOOTSTRAP");
        if (kafka != null) {
            kafkaBootstrapServers = kafka;
            inProcessKafka = null;
            log.info("Kafka: {} (TECHEX_TEST_KAFKA_BOOTSTRAP)", kafka);
        } else if (docker) {
            var container = new KafkaContainer("apache/kafka:4.2.1");
            container.start();
            started.add(container::stop);
            kafkaBootstrapServers = container.getBootstrapServers();
            inProcessKafka = null;
            log.info("Kafka: Testcontainers {}", kafkaBootstrapServers);
        } else {
            long begin = System.nanoTime();
            inProcessKafka = InProcessKafkaBroker.start();
            started.add(inProcessKafka);
            kafkaBootstrapServers = inProcessKafka.bootstrapServers();
            log.info("Kafka: in-process KRaft broker {} (started in {} ms)", kafkaBootstrapServers, (System.nanoTime() - begin) / 1_000_000);
        }

        String redis = env("TECHEX_TEST_REDIS");
        if (redis != null) {
            HostAndPort address = HostAndPort.from(redis);
            redisHost = address.getHost();
            redisPort = address.getPort();
            log.info("Redis: {} (TECHEX_TEST_REDIS)", redis);
        } else if (docker) {
            var container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            container.start();
            started.add(container::stop);
            redisHost = container.getHost();
            redisPort = container.getMappedPort(6379);
            log.info("Redis: Testcontainers {}:{}", redisHost, redisPort);
        } else {
            redisHost = "127.0.0.1";
            redisPort = 6379;
            log.info("Redis: local {}:{}", redisHost, redisPort);
        }
        checkRedis();
    }

    /** A fresh database (with {@code unaccent} and {@code pg_trgm}) and namespace on the shared servers. */
    public TestEnvironment newEnvironment(String hint) {
        String namespace = randomName(6);
        String cleanHint = hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        String database = ("techex_t_" + LocalDateTime.now().format(STAMP) + "_"
                + cleanHint.substring(0, Math.min(20, cleanHint.length())) + "_" + namespace);
        try (Connection admin = DriverManager.getConnection(adminUrl, username, password);
             var statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + database + " on " + adminUrl, e);
        }
        createdDatabases.add(database);
        String jdbcUrl = databaseUrl(database);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
             var statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS unaccent");
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot prepare test database " + database, e);
        }
        return new TestEnvironment(jdbcUrl, username, password, database, namespace, kafkaBootstrapServers, redisHost, redisPort);
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** The broker this JVM runs, when neither the environment nor Docker gave one. */
    public Optional<InProcessKafkaBroker> inProcessKafka() {
        return Optional.ofNullable(inProcessKafka);
    }

    public String redisHost() {
        return redisHost;
    }

    public int redisPort() {
        return redisPort;
    }

    private String databaseUrl(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String parameters = query < 0 ? "" : adminUrl.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + parameters;
    }

    private void dropLeftoverDatabases() {
        String cutoff = LocalDateTime.now().minusHours(6).format(STAMP);
        try (Connection admin = DriverManager.getConnection(adminUrl, username, password);
             var query = admin.prepareStatement("SELECT datname FROM pg_database WHERE datname LIKE 'techex\\_t\\_%'");
             var rows = query.executeQuery()) {
            List<String> stale = new ArrayList<>();
            while (rows.next()) {
                String name = rows.getString(1);
                String stamp = name.substring("techex_t_".length(), Math.min(name.length(), "techex_t_".length() + 10));
                if (stamp.compareTo(cutoff) < 0) {
                    stale.add(name);
                }
            }
            for (String name : stale) {
                try (var drop = admin.createStatement()) {
                    drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL does not answer at " + adminUrl
                    + ": start it (see README) or set TECHEX_TEST_POSTGRES_URL", e);
        }
    }

    private void checkRedis() {
        try (Jedis jedis = new Jedis(new HostAndPort(redisHost, redisPort), DefaultJedisClientConfig.builder().connectionTimeoutMillis(1000).build())) {
            jedis.ping();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Redis does not answer at " + redisHost + ":" + redisPort
                    + ": start it (see README) or set TECHEX_TEST_REDIS", e);
        }
    }

    private void shutdown() {
        try (Connection admin = DriverManager.getConnection(adminUrl, username, password)) {
            for (String database : createdDatabases) {
                try (var drop = admin.createStatement()) {
                    drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
                }
            }
        } catch (SQLException e) {
            log.warn("Could not drop test databases {}: {}", createdDatabases, e.getMessage());
        }
        for (AutoCloseable resource : started.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Could not stop {}: {}", resource, e.getMessage());
            }
        }
    }

    private static boolean dockerAnswers() {
        if ("true".equalsIgnoreCase(env("TECHEX_TEST_NO_DOCKER"))) {
            return false;
        }
        boolean engineConfigured = env("DOCKER_HOST") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!engineConfigured) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String randomName(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder name = new StringBuilder("t");
        for (int i = 1; i < length; i++) {
            name.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return name.toString();
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static String envOr(String name, String fallback) {
        String value = env(name);
        return value == null ? fallback : value;
    }
}

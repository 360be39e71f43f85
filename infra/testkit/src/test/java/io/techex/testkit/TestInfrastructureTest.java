package io.techex.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestInfrastructureTest {

    private final TestInfrastructure infrastructure = TestInfrastructure.get();

    @Test
    void eachEnvironmentHasItsOwnDatabaseAndNamespace() throws SQLException {
        TestEnvironment one = infrastructure.newEnvironment("one");
        TestEnvironment two = infrastructure.newEnvironment("two");

        assertThat(one.databaseName()).isNotEqualTo(two.databaseName()).matches("techex_t_\\d{10}_one_[a-z][a-z0-9]{5}");
        assertThat(one.namespace()).isNotEqualTo(two.namespace()).matches("[a-z][a-z0-9]{5}");
        assertThat(one.jdbcUrl()).contains("/" + one.databaseName());

        try (Connection connection = connect(one); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_in_one (id int PRIMARY KEY, name text)");
            statement.execute("INSERT INTO only_in_one VALUES (1, 'kept')");
            try (ResultSet rows = statement.executeQuery("SELECT current_database(), name FROM only_in_one")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo(one.databaseName());
                assertThat(rows.getString(2)).isEqualTo("kept");
            }
        }
        try (Connection connection = connect(two); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM only_in_one"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("only_in_one");
        }
    }

    @Test
    void databasesIgnoreVietnameseDiacriticsAndMatchFuzzily() throws SQLException {
        TestEnvironment env = infrastructure.newEnvironment("search");
        try (Connection connection = connect(env); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT unaccent('điều trị'), similarity('công nghệ', 'cong nghe') > 0, 'hello' % 'helo'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("dieu tri");
            assertThat(rows.getBoolean(2)).isTrue();
            assertThat(rows.getBoolean(3)).isTrue();
        }
    }

    @Test
    void springPropertiesPointAtTheEnvironment() {
        TestEnvironment env = infrastructure.newEnvironment("props");
        assertThat(env.springProperties()).containsOnly(
                Map.entry("spring.datasource.url", env.jdbcUrl()),
                Map.entry("spring.datasource.username", env.password().isEmpty()
                        ? "${techex.database.role:" + env.username() + "}" : env.username()),
                Map.entry("spring.datasource.password", env.password()),
                Map.entry("spring.flyway.user", env.username()),
                Map.entry("spring.flyway.password", env.password()),
                Map.entry("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers()),
                Map.entry("techex.namespace", env.namespace()),
                Map.entry("techex.redis.host", infrastructure.redisHost()),
                Map.entry("techex.redis.port", infrastructure.redisPort()),
                Map.entry("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestTokens.get().issuer()),
                Map.entry("techex.demo-mode", true));
    }

    @Test
    void databaseNamesFitPostgresqlsLimitWhateverTheHint() {
        LocalDateTime time = LocalDateTime.of(2026, 11, 23, 8, 5);
        String longHint = "Listing Service: đấu giá công nghệ, with a hint far longer than any database name may be";
        assertThat(TestInfrastructure.databaseName(longHint, "a1b2c3", time))
                .hasSizeLessThanOrEqualTo(63)
                .matches("techex_t_2611230805_listing_service_[a-z0-9_]*[a-z0-9]_a1b2c3");
        assertThat(TestInfrastructure.databaseName("", "a1b2c3", time)).isEqualTo("techex_t_2611230805_app_a1b2c3");
        assertThat(TestInfrastructure.databaseName("audit-service", "a1b2c3", time))
                .isEqualTo("techex_t_2611230805_audit_service_a1b2c3");
    }

    @Test
    void redisAnswers() {
        try (Jedis redis = new Jedis(infrastructure.redisHost(), infrastructure.redisPort())) {
            assertThat(redis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void kafkaAnswers() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).isNotEmpty();
        }
        infrastructure.inProcessKafka().ifPresent(broker -> {
            assertThat(broker.bootstrapServers()).isEqualTo(infrastructure.kafkaBootstrapServers());
            assertThat(broker.isRunning()).isTrue();
        });
    }

    @Test
    void givenAddressesAreUsedAsTheyAreAndItsDatabasesGoAtShutdown() throws SQLException {
        PostgresServer server = infrastructure.postgresServer();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        // names of this run's own: runs from other checkouts may use the same server in the same minute
        String crashed = TestInfrastructure.databaseName("crashed", namespace(), now.minusHours(7));
        String running = TestInfrastructure.databaseName("running", namespace(), now.minusHours(1));
        server.createDatabase(crashed);
        server.createDatabase(running);

        Map<String, String> env = new HashMap<>();
        env.put(TestInfrastructure.POSTGRES_URL_ENV, server.adminUrl());
        env.put(TestInfrastructure.POSTGRES_USER_ENV, server.username());
        env.put(TestInfrastructure.POSTGRES_PASSWORD_ENV, server.password());
        env.put(TestInfrastructure.KAFKA_BOOTSTRAP_ENV, infrastructure.kafkaBootstrapServers());
        env.put(TestInfrastructure.REDIS_ENV, infrastructure.redisHost() + ":" + infrastructure.redisPort());
        TestInfrastructure given = new TestInfrastructure(env);
        String created;
        try {
            assertThat(given.inProcessKafka()).isEmpty();
            assertThat(given.kafkaBootstrapServers()).isEqualTo(infrastructure.kafkaBootstrapServers());
            assertThat(databaseExists(server, crashed)).as("leftover of a crashed run, 7 h old").isFalse();
            assertThat(databaseExists(server, running)).as("database of a run 1 h old").isTrue();

            TestEnvironment fresh = given.newEnvironment("given");
            created = fresh.databaseName();
            try (Connection connection = connect(fresh)) {
                assertThat(connection.isValid(2)).isTrue();
            }
        } finally {
            given.shutdown();
            server.dropDatabase(running);
        }
        assertThat(databaseExists(server, created)).as("dropped at shutdown").isFalse();
        assertThatThrownBy(() -> given.newEnvironment("late")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anotherLocalUserIsTriedWhenTheFirstIsRefused() throws SQLException {
        Map<String, String> env = new HashMap<>();
        env.put("PGUSER", "techex_no_such_user");
        env.put(TestInfrastructure.NO_DOCKER_ENV, "true");
        env.put(TestInfrastructure.KAFKA_BOOTSTRAP_ENV, infrastructure.kafkaBootstrapServers());
        env.put(TestInfrastructure.REDIS_ENV, infrastructure.redisHost() + ":" + infrastructure.redisPort());
        TestInfrastructure local = new TestInfrastructure(env);
        try {
            // root where the local server has that role, else the embedded server's postgres
            assertThat(local.postgresServer().username()).isIn("root", "postgres");
            TestEnvironment created = local.newEnvironment("fallback");
            try (Connection connection = connect(created); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT unaccent('Đà Nẵng')")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("Da Nang");
            }
        } finally {
            local.shutdown();
        }
    }

    @Test
    void aDockerEndpointThatDoesNotAnswerLeavesTheLocalServices() throws SQLException {
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_HOST", "tcp://127.0.0.1:" + FreePorts.pick());
        env.put(TestInfrastructure.KAFKA_BOOTSTRAP_ENV, infrastructure.kafkaBootstrapServers());
        env.put(TestInfrastructure.REDIS_ENV, infrastructure.redisHost() + ":" + infrastructure.redisPort());
        long started = System.nanoTime();
        TestInfrastructure withoutDocker = new TestInfrastructure(env);
        try {
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
            assertThat(withoutDocker.postgresServer().description()).startsWith("local ");
            try (Connection connection = connect(withoutDocker.newEnvironment("nodocker"))) {
                assertThat(connection.isValid(2)).isTrue();
            }
        } finally {
            withoutDocker.shutdown();
        }
    }

    private static String namespace() {
        return "z" + UUID.randomUUID().toString().replace("-", "").substring(0, 5);
    }

    private static Connection connect(TestEnvironment env) throws SQLException {
        return DriverManager.getConnection(env.jdbcUrl(), env.username(), env.password());
    }

    private static boolean databaseExists(PostgresServer server, String name) throws SQLException {
        try (Connection admin = server.connect(server.adminUrl());
             PreparedStatement query = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}

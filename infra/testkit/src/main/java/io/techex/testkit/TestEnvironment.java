package io.techex.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one test context, or one end-to-end test's set of applications, works in: its own fresh PostgreSQL database,
 * its own namespace (prefix of Kafka topics, consumer groups and Redis keys), and the Kafka broker and Redis shared by
 * the JVM. Made by {@link TestInfrastructure#newEnvironment(String)}.
 *
 * @param jdbcUrl               JDBC URL of the fresh database
 * @param username              PostgreSQL user, owner of the database
 * @param password              its password, empty when the server trusts local connections
 * @param databaseName          name of the fresh database
 * @param namespace             short random lowercase name, unique per environment
 * @param kafkaBootstrapServers {@code host:port[,host:port...]}
 * @param redisHost             Redis host
 * @param redisPort             Redis port
 * @param tokenIssuer           the authorization server whose tokens the applications accept ({@link TestTokens})
 */
public record TestEnvironment(String jdbcUrl, String username, String password, String databaseName, String namespace,
                              String kafkaBootstrapServers, String redisHost, int redisPort,
                              String tokenIssuer) {

    /** The platform's property naming a service's own database role. */
    public static final String SERVICE_ROLE_PROPERTY = "techex.database.role";

    public TestEnvironment {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(username, "username");
        password = password == null ? "" : password;
        Objects.requireNonNull(databaseName, "databaseName");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
        Objects.requireNonNull(redisHost, "redisHost");
        Objects.requireNonNull(tokenIssuer, "tokenIssuer");
    }

    /**
     * The Spring properties that point a TechEx application at this environment: {@code spring.datasource.url},
     * {@code spring.datasource.username} (the service's own role, {@value #SERVICE_ROLE_PROPERTY}, when the server
     * trusts the kit's connections; else the owner), {@code spring.datasource.password}, {@code spring.flyway.user}
     * and {@code spring.flyway.password} (the owner), {@code spring.kafka.bootstrap-servers},
     * {@code techex.namespace}, {@code techex.redis.host}, {@code techex.redis.port} and
     * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}; and {@code techex.demo-mode}, as for the
     * one-process launcher: what production must configure (audit's log signing key) gets a stand-in. The map is
     * unmodifiable; copy it to override an entry.
     */
    public Map<String, Object> springProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        // A service connects as its own role (techex.database.role), so its tests prove that role's grants suffice;
        // Flyway and anything without a role of its own connect as the owner. The roles have no password: where the
        // server wants one, the services connect as the owner as well.
        properties.put("spring.datasource.username",
                password.isEmpty() ? "${" + SERVICE_ROLE_PROPERTY + ":" + username + "}" : username);
        properties.put("spring.datasource.password", password);
        properties.put("spring.flyway.user", username);
        properties.put("spring.flyway.password", password);
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.put("techex.namespace", namespace);
        properties.put("techex.redis.host", redisHost);
        properties.put("techex.redis.port", redisPort);
        properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", tokenIssuer);
        properties.put("techex.demo-mode", true);
        return Collections.unmodifiableMap(properties);
    }

    /**
     * A connection as the owner of the database, for what a service's own role may not do: a test that rewrites
     * history or migrates scratch schemas.
     */
    public Connection connectAsOwner() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    @Override
    public String toString() {
        // The password stays out of logs and assertion messages
        return "TestEnvironment[database=" + databaseName + ", namespace=" + namespace + ", jdbcUrl=" + jdbcUrl
                + ", username=" + username + ", kafka=" + kafkaBootstrapServers + ", redis=" + redisHost + ":"
                + redisPort + "]";
    }
}

package io.techex.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one test context (or one end-to-end test's set of services) gets: its own fresh PostgreSQL database, its
 * own namespace for Kafka topics, consumer groups and Redis keys, and the shared broker and Redis.
 */
public record TestEnvironment(String jdbcUrl, String username, String password, String databaseName, String namespace,
                              String kafkaBootstrapServers, String redisHost, int redisPort) {

    /** The Spring properties that point a TechEx service at this environment. */
    public Map<String, Object> springProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", username);
        properties.put("spring.datasource.password", password);
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.put("techex.namespace", namespace);
        properties.put("techex.redis.host", redisHost);
        properties.put("techex.redis.port", redisPort);
        return properties;
    }
}

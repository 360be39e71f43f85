package io.techex.platform.redis;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * Where Redis is ({@code techex.redis.*}). The defaults live in {@code techex-defaults.properties}.
 *
 * @param host     Redis host
 * @param port     Redis port
 * @param timeout  connect, read and pool-wait timeout: short, so that a dead Redis costs a request little
 * @param password optional; empty when Redis has no authentication
 */
@ConfigurationProperties("techex.redis")
public record TechExRedisProperties(String host, int port, Duration timeout, String password) {

    public TechExRedisProperties {
        if (timeout == null) {
            timeout = Duration.ofMillis(500);
        }
    }
}

package io.techex.platform.redis;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import redis.clients.jedis.UnifiedJedis;

/**
 * Health {@code redis}: up when Redis answers a PING. Deliberately left out of the readiness group (see
 * {@code management.endpoint.health.group.readiness.include}): Redis holds only what may be lost, so a service
 * without it keeps taking traffic.
 */
public class RedisHealthIndicator extends AbstractHealthIndicator {

    private final UnifiedJedis redis;

    public RedisHealthIndicator(UnifiedJedis redis) {
        super("Redis is unreachable");
        this.redis = redis;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        String answer = redis.ping();
        if ("PONG".equalsIgnoreCase(answer)) {
            health.up();
        } else {
            health.down().withDetail("ping", answer);
        }
    }
}

package io.techex.platform.redis;

import io.techex.testkit.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Redis auto-configuration against the real Redis, and against a port where nothing listens. */
class RedisConfigurationTest {

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RedisConfiguration.class))
            .withPropertyValues("techex.namespace=redis-test-" + UUID.randomUUID().toString().substring(0, 8),
                    "techex.redis.timeout=500ms");

    @Test
    void aPooledClientOfTheConfiguredRedisWithKeysInTheNamespace() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        context.withPropertyValues("techex.redis.host=" + infrastructure.redisHost(), "techex.redis.port=" + infrastructure.redisPort())
                .run(app -> {
                    UnifiedJedis redis = app.getBean(UnifiedJedis.class);
                    assertThat(redis).isInstanceOf(JedisPooled.class);
                    String key = app.getBean(RedisKeys.class).key("probe", UUID.randomUUID().toString());
                    assertThat(key).startsWith("techex:redis-test-");
                    try {
                        redis.setex(key, 60, "here");
                        assertThat(redis.get(key)).isEqualTo("here");
                    } finally {
                        redis.del(key);
                    }
                    assertThat(app.getBean(RedisHealthIndicator.class).health(false).getStatus()).isEqualTo(Status.UP);
                });
    }

    @Test
    void aDeadRedisFailsFastAndIsReportedDown() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        context.withPropertyValues("techex.redis.host=127.0.0.1", "techex.redis.port=" + closedPort)
                .run(app -> {
                    UnifiedJedis redis = app.getBean(UnifiedJedis.class);
                    long started = System.nanoTime();
                    assertThatThrownBy(() -> redis.get("anything")).isInstanceOf(JedisConnectionException.class);
                    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

                    Health health = app.getBean(RedisHealthIndicator.class).health(false);
                    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                });
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOff() {
        context.withPropertyValues("management.health.redis.enabled=false", "techex.redis.host=127.0.0.1", "techex.redis.port=6379")
                .run(app -> assertThat(app).doesNotHaveBean(RedisHealthIndicator.class).hasSingleBean(RedisKeys.class));
    }
}

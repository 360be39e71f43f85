package io.techex.platform.redis;

import io.techex.testkit.TestInfrastructure;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A pattern subscription on the real Redis, sharing its client's pool with ordinary commands, as the services do. */
class PatternSubscriptionTest {

    @Test
    void aListenerThatFailsLeavesTheSubscriptionAndThePoolWorking() {
        TestInfrastructure infrastructure = TestInfrastructure.get();
        // two connections: one held by the subscription, one for commands; the pool hands out the one returned last,
        // so a connection handed back still subscribed would be the next one a command gets
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(2);
        String prefix = "techex:pattern-subscription-test-" + UUID.randomUUID() + ":";
        List<String> handled = new CopyOnWriteArrayList<>();
        try (JedisPooled redis = new JedisPooled(pool, new HostAndPort(infrastructure.redisHost(), infrastructure.redisPort()),
                DefaultJedisClientConfig.builder().timeoutMillis(2000).build())) {
            PatternSubscription subscription = PatternSubscription.open(redis, prefix + "*", "test-updates", (channel, message) -> {
                handled.add(message);
                if (message.equals("unhandleable")) {
                    throw new IllegalStateException("the listener failed");
                }
            });
            try {
                await().atMost(Duration.ofSeconds(10)).until(subscription::isSubscribed);

                redis.publish(prefix + "a", "unhandleable");
                await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("unhandleable"));
                for (int i = 0; i < 20; i++) {
                    redis.set(prefix + "key", "value " + i);
                    assertThat(redis.get(prefix + "key")).isEqualTo("value " + i);
                }
                assertThat(subscription.isSubscribed()).isTrue();

                assertThat(redis.publish(prefix + "b", "next")).isEqualTo(1);
                await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains("next"));
                redis.del(prefix + "key");
            } finally {
                subscription.close();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> !subscription.isSubscribed());
            assertThat(subscription.isOpen()).isFalse();
        }
    }
}

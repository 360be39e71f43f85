package io.techex.platform.redis;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Redis for what may be lost (idempotency records, rate limits, live boards): a pooled client whose connect, read
 * and pool-wait timeouts are all {@code techex.redis.timeout} (500 ms), so that a dead Redis costs a request that
 * much at most and its callers carry on without it; the {@link RedisKeys} of this service's namespace; and a
 * {@code redis} health indicator that is not part of readiness.
 */
@AutoConfiguration
@EnableConfigurationProperties(TechExRedisProperties.class)
public class RedisConfiguration {

    /** Jedis 7 deprecates {@code JedisPooled} in favour of {@code RedisClient}; both are a {@link UnifiedJedis}. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(UnifiedJedis.class)
    @SuppressWarnings("deprecation")
    JedisPooled jedisPooled(TechExRedisProperties redis) {
        var client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(Math.toIntExact(redis.timeout().toMillis()))
                .socketTimeoutMillis(Math.toIntExact(redis.timeout().toMillis()));
        if (redis.password() != null && !redis.password().isBlank()) {
            client.password(redis.password());
        }
        var pool = new ConnectionPoolConfig();
        // the default is to wait for a free connection forever
        pool.setMaxWait(redis.timeout());
        return new JedisPooled(new HostAndPort(redis.host(), redis.port()), client.build(), pool);
    }

    @Bean
    @ConditionalOnMissingBean
    RedisKeys redisKeys(@Value("${techex.namespace:}") String namespace) {
        return new RedisKeys(namespace);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(HealthIndicator.class)
    static class RedisHealth {

        @Bean
        @ConditionalOnEnabledHealthIndicator("redis")
        @ConditionalOnMissingBean(name = "redisHealthIndicator")
        RedisHealthIndicator redisHealthIndicator(UnifiedJedis redis) {
            return new RedisHealthIndicator(redis);
        }
    }
}

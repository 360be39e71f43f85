package io.techex.platform.security;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.techex.platform.redis.RedisKeys;
import io.techex.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import redis.clients.jedis.UnifiedJedis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Limits writes per organisation and service with a token bucket kept in Redis (Bucket4j), so that every instance
 * of a service draws from the same bucket. Over the limit the answer is 429 with {@code Retry-After} in seconds.
 * <p>
 * Redis holds only what may be lost: when it cannot be reached the write goes through unlimited, and Redis is left
 * alone for {@code redis-pause} so that each request does not wait out a connection timeout.
 */
public class WriteRateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WriteRateLimitFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ProxyManager<byte[]> buckets;
    private final BucketConfiguration limit;
    private final RedisKeys keys;
    private final String service;
    private final RateLimitProperties properties;
    private final Clock clock;
    private volatile Instant redisPausedUntil = Instant.MIN;

    public WriteRateLimitFilter(UnifiedJedis redis, RedisKeys keys, String service, RateLimitProperties properties, Clock clock) {
        this.buckets = Bucket4jJedis.casBasedBuilder(redis)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(properties.period()))
                .build();
        this.limit = BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(properties.writes()).refillGreedy(properties.writes(), properties.period()))
                .build();
        this.keys = keys;
        this.service = service;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.enabled() || !WRITES.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token)
                || clock.instant().isBefore(redisPausedUntil)) {
            chain.doFilter(request, response);
            return;
        }
        String organisation = token.getToken().getClaimAsString(JwtActorResolver.ORGANISATION_CLAIM);
        ConsumptionProbe probe;
        try {
            probe = buckets.builder()
                    .build(keys.key("rate-limit", service, organisation).getBytes(StandardCharsets.UTF_8), () -> limit)
                    .tryConsumeAndReturnRemaining(1);
        } catch (RuntimeException unavailable) {
            redisPausedUntil = clock.instant().plus(properties.redisPause());
            log.warn("Write limits not enforced for {}: Redis is unavailable ({})", properties.redisPause(), unavailable.toString());
            chain.doFilter(request, response);
            return;
        }
        if (probe.isConsumed()) {
            response.setHeader("RateLimit-Remaining", Long.toString(probe.getRemainingTokens()));
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Organisation " + organisation + " sent more than " + properties.writes() + " writes to " + service
                        + " within " + properties.period() + "; retry after " + seconds + " s");
    }
}

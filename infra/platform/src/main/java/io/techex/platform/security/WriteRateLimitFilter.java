package io.techex.platform.security;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * At most {@code writes} writes per organisation and service in any {@code period}: a sliding window kept in Redis
 * as a sorted set of the accepted writes' times, so that every instance of a service counts the same writes. One Lua
 * script forgets the writes that left the window, counts the rest and records the new one if there is room, so two
 * instances cannot both take the last place; it reads Redis's clock, so instances whose clocks differ still agree.
 * Refused writes are not recorded: retrying does not push the window on. Over the limit the answer is 429 with
 * {@code Retry-After}: the seconds until the oldest write in the window leaves it, when the next write is accepted.
 * <p>
 * Redis holds only what may be lost: when it cannot be reached the write goes through unlimited, and Redis is left
 * alone for {@code redis-pause} so that each request does not wait out a connection timeout.
 */
public class WriteRateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WriteRateLimitFilter.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /**
     * KEYS[1]: the window; ARGV: the limit, the period in milliseconds, a member naming this write. Answers
     * {1, writes left} when the write is recorded, {0, milliseconds until the oldest write leaves the window} when not.
     * A write at time t counts while now < t + period.
     */
    static final String SLIDING_WINDOW = """
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local limit = tonumber(ARGV[1])
            local period = tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - period)
            local count = redis.call('ZCARD', KEYS[1])
            if count < limit then
              redis.call('ZADD', KEYS[1], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[1], period)
              return {1, limit - count - 1}
            end
            local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
            return {0, tonumber(oldest[2]) + period - now}
            """;

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final String service;
    private final RateLimitProperties properties;
    private final Clock clock;
    private volatile Instant redisPausedUntil = Instant.MIN;

    public WriteRateLimitFilter(UnifiedJedis redis, RedisKeys keys, String service, RateLimitProperties properties, Clock clock) {
        this.redis = redis;
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
        List<?> answer;
        try {
            answer = (List<?>) redis.eval(SLIDING_WINDOW, List.of(keys.key("rate-limit", service, organisation)),
                    List.of(Long.toString(properties.writes()), Long.toString(properties.period().toMillis()),
                            UUID.randomUUID().toString()));
        } catch (RuntimeException unavailable) {
            redisPausedUntil = clock.instant().plus(properties.redisPause());
            log.warn("Write limits not enforced for {}: Redis is unavailable ({})", properties.redisPause(), unavailable.toString());
            chain.doFilter(request, response);
            return;
        }
        if (((Number) answer.get(0)).longValue() == 1) {
            response.setHeader("RateLimit-Remaining", Long.toString(((Number) answer.get(1)).longValue()));
            chain.doFilter(request, response);
            return;
        }
        long seconds = retryAfterSeconds(((Number) answer.get(1)).longValue());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Organisation " + organisation + " has sent " + properties.writes() + " writes to " + service + " in the last "
                        + describe(properties.period()) + ", the most it may; the next write is accepted in " + seconds + " s");
    }

    /** Whole seconds, rounded up: a client that waits that long finds the place free. */
    static long retryAfterSeconds(long millis) {
        return Math.max(1, (millis + 999) / 1000);
    }

    /** {@code 1 minute}, {@code 90 seconds}, {@code 2 hours}. */
    static String describe(Duration period) {
        if (period.toMillis() % 1000 != 0) {
            return period.toMillis() + " ms";
        }
        long seconds = period.toSeconds();
        if (seconds % 3600 == 0) {
            return plural(seconds / 3600, "hour");
        }
        return seconds % 60 == 0 ? plural(seconds / 60, "minute") : plural(seconds, "second");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}

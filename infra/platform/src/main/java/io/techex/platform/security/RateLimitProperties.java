package io.techex.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings under {@code techex.rate-limit}: how many writes (POST, PUT, PATCH, DELETE) one organisation may send
 * to one service.
 *
 * @param writes     at most this many writes are accepted in any {@code period} (a sliding window, not a bucket that
 *                   refills: 120 a minute means 120 in any 60 seconds, never more)
 * @param period     the window's length
 * @param redisPause how long to stop asking a Redis that failed, so that an outage costs one timeout per pause, not
 *                   one per request
 */
@ConfigurationProperties("techex.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("120") long writes,
                                  @DefaultValue("1m") Duration period,
                                  @DefaultValue("5s") Duration redisPause) {

    public RateLimitProperties {
        if (writes < 1) {
            throw new IllegalArgumentException("techex.rate-limit.writes must be at least 1, was " + writes);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("techex.rate-limit.period must be positive, was " + period);
        }
    }
}

package io.techex.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * {@code techex.idempotency.*}, defaults in {@code techex-defaults.properties}.
 *
 * @param ttl     how long the answer to a request with an {@code Idempotency-Key} is kept for its retries
 * @param lockTtl how long a claim on a key holds if its request never finishes (a crashed instance), after which
 *                a retry may run; longer than any request takes
 * @param maxBody the largest request body accepted with a key (it is held in memory to fingerprint it)
 */
@ConfigurationProperties("techex.idempotency")
public record IdempotencyProperties(Duration ttl, Duration lockTtl, DataSize maxBody) {

    public IdempotencyProperties {
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
        lockTtl = lockTtl == null ? Duration.ofSeconds(60) : lockTtl;
        maxBody = maxBody == null ? DataSize.ofMegabytes(1) : maxBody;
    }
}

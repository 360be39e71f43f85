package io.techex.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * {@code techex.idempotency.*}, defaults in {@code techex-defaults.properties}.
 *
 * @param ttl     how long the answer to a request with an {@code Idempotency-Key} is kept for its retries
 * @param lease   how long a claim on a key outlives the last renewal by its instance, which renews it every third of
 *                this while the request runs: how soon the keys of a crashed instance free for their retries
 * @param maxBody the largest request body accepted with a key (it is held in memory to fingerprint it)
 */
@ConfigurationProperties("techex.idempotency")
public record IdempotencyProperties(Duration ttl, Duration lease, DataSize maxBody) {

    public IdempotencyProperties {
        ttl = ttl == null ? Duration.ofHours(24) : ttl;
        lease = lease == null ? Duration.ofSeconds(5) : lease;
        maxBody = maxBody == null ? DataSize.ofMegabytes(1) : maxBody;
    }
}

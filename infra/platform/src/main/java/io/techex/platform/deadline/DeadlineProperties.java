package io.techex.platform.deadline;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings under {@code techex.deadlines}.
 *
 * @param enabled         whether this service has durable deadlines; services without any run no scheduler
 * @param pollingInterval how often the scheduler looks for due deadlines: how late one may fire at most
 * @param threads         deadlines handled at once by one instance
 * @param heartbeatInterval how often an instance marks the deadlines it is handling as still in hand: one that stops
 *                        beating for six intervals (it died mid-deadline) is taken up again by another instance, so
 *                        this bounds how late a deadline can be after a crash (db-scheduler's own default, 5 minutes,
 *                        would make that half an hour)
 */
@ConfigurationProperties("techex.deadlines")
public record DeadlineProperties(@DefaultValue("false") boolean enabled,
                                 @DefaultValue("1s") Duration pollingInterval,
                                 @DefaultValue("2") int threads,
                                 @DefaultValue("10s") Duration heartbeatInterval) {

    public DeadlineProperties {
        if (pollingInterval.isNegative() || pollingInterval.isZero()) {
            throw new IllegalArgumentException("techex.deadlines.polling-interval must be positive, was " + pollingInterval);
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("techex.deadlines.heartbeat-interval must be positive, was " + heartbeatInterval);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("techex.deadlines.threads must be at least 1, was " + threads);
        }
    }
}

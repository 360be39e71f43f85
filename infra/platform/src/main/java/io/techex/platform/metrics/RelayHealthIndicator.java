package io.techex.platform.metrics;

import io.techex.platform.relay.RelayOutcomes;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health {@code kafkaRelay}: whether the outbox relay gets this service's events onto Kafka. Details: {@code state}
 * ({@code publishing}: the last batch was acknowledged; {@code broker-unreachable}: every batch since {@code since}
 * failed, {@code lastFailure} says how; {@code idle}: nothing sent yet and nothing waiting; {@code starting}: events
 * waiting, no batch finished yet; {@code disabled}: no relay in this process), {@code position} (the global index up to
 * which every stored event is acknowledged) and {@code lag} (events stored but not yet acknowledged), the figures of
 * {@code techex.relay.position} and {@code techex.relay.lag}.
 * <p>
 * Always UP, and not in the readiness group: the event store is the outbox, so a service whose broker is gone still
 * accepts commands and loses none of their events; they go out when the broker is back. A lasting lag is for the
 * RelayLagging alert (infra/deploy/prometheus), not for the probes, which would take every instance out of service
 * at once for a broker outage and refuse the commands the outbox exists to keep.
 */
final class RelayHealthIndicator implements HealthIndicator {

    private final RelayLag lag;
    private final RelayOutcomes outcomes;
    private final boolean relayRuns;

    RelayHealthIndicator(RelayLag lag, RelayOutcomes outcomes, boolean relayRuns) {
        this.lag = lag;
        this.outcomes = outcomes;
        this.relayRuns = relayRuns;
    }

    @Override
    public Health health() {
        double position = lag.position();
        double behind = lag.lag(position);
        Health.Builder health = Health.up().withDetail("state", state(behind));
        outcomes.failingSince().ifPresent(since -> health.withDetail("since", since.toString()));
        outcomes.lastFailure().ifPresent(failure -> health.withDetail("lastFailure", failure));
        outcomes.lastAcknowledged().ifPresent(at -> health.withDetail("lastAcknowledged", at.toString()));
        return health.withDetail("position", (long) position).withDetail("lag", (long) behind).build();
    }

    private String state(double behind) {
        if (!relayRuns) {
            return "disabled";
        }
        if (outcomes.failingSince().isPresent()) {
            return "broker-unreachable";
        }
        if (outcomes.lastAcknowledged().isPresent()) {
            return "publishing";
        }
        return behind > 0 ? "starting" : "idle";
    }
}

package io.techex.platform.relay;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What this instance's relay last experienced with the broker: when a batch was last acknowledged, and since when
 * every batch has failed, with the last failure's kind. The health endpoint shows it beside the relay's position and
 * lag, which come from the tables ({@code io.techex.platform.metrics}). Any segment's outcome counts: one acknowledged
 * batch means the broker takes records again.
 */
public final class RelayOutcomes {

    private final Clock clock;
    private volatile Instant lastAcknowledged;
    private volatile Instant failingSince;
    private volatile String lastFailure;

    public RelayOutcomes(Clock clock) {
        this.clock = clock;
    }

    void acknowledged() {
        lastAcknowledged = clock.instant();
        failingSince = null;
        lastFailure = null;
    }

    void failed(Throwable cause) {
        if (failingSince == null) {
            failingSince = clock.instant();
        }
        // the exception's kind only: its message may name hosts and topics, and the health details are public
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        lastFailure = root.getClass().getSimpleName();
    }

    public Optional<Instant> lastAcknowledged() {
        return Optional.ofNullable(lastAcknowledged);
    }

    /** Since when every batch has failed; empty while batches are acknowledged, or before the first one. */
    public Optional<Instant> failingSince() {
        return Optional.ofNullable(failingSince);
    }

    public Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }
}

package io.techex.launcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The exchange's clock in tests: it runs with real time from wherever a test put it, so an auction's end or an offer's
 * deadline can be reached at once. Only forwards: what has happened stays in the past.
 */
public final class MovableClock extends Clock {

    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    public MovableClock() {
        this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    private MovableClock(AtomicReference<Duration> offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("Time only moves forwards: " + by);
        }
        offset.updateAndGet(current -> current.plus(by));
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time read in another zone (a Vietnamese calendar day), moved along with this one. */
    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new MovableClock(offset, zone);
    }
}

package io.techex.bench;

import java.util.HashSet;
import java.util.Set;

/**
 * Where the next poll of a table starts when its rows get increasing positions but commit out of their order, as the
 * audit trail's entries do when several consumers (or instances) record at once: a cursor after the last position
 * seen would skip the rows of a transaction that took a lower position and committed later. This one starts below
 * the first position not seen yet, tells each row once, and moves past a position still missing after
 * {@code gapNanos}, which no row will ever have (a rolled-back transaction's sequence value).
 */
final class OutOfOrderCursor {

    private final long gapNanos;
    private final Set<Long> seenAbove = new HashSet<>();
    private long low;
    private long gapSince;

    /** @param start the last position before the first one wanted */
    OutOfOrderCursor(long start, long gapNanos) {
        this.low = start;
        this.gapNanos = gapNanos;
    }

    /** Polls read the positions after this one. */
    long from() {
        return low;
    }

    /** True the first time a position after the start is seen. */
    boolean firstSight(long position) {
        return position > low && seenAbove.add(position);
    }

    /** After each poll: moves past every position seen in a row, and past a gap older than {@code gapNanos}. */
    void polled(long nowNanos) {
        advance();
        if (seenAbove.isEmpty()) {
            gapSince = 0;
        } else if (gapSince == 0) {
            gapSince = nowNanos;
        } else if (nowNanos - gapSince > gapNanos) {
            low++;
            gapSince = 0;
            advance();
        }
    }

    private void advance() {
        while (seenAbove.remove(low + 1)) {
            low++;
            gapSince = 0;
        }
    }
}

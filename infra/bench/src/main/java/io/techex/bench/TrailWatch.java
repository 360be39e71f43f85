package io.techex.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Watches audit-service's trail from the outside, over SQL every 5 ms, and tells {@code seen} of each new entry when
 * it was noticed: the asset, the event's type, and a bid's id (null for other events). Starts at the trail's end; each
 * entry is told once, whatever order the trail's transactions commit in.
 */
final class TrailWatch implements AutoCloseable {

    interface Seen {
        void entry(String assetId, String eventType, String bidId, long nanos);
    }

    /** Longer than any transaction of the trail's consumer: a position missing longer than this will stay missing. */
    private static final long GAP_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Thread thread;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean watching = true;

    /** Returns once the trail's end is known, so that an entry of anything done afterwards is not missed. */
    TrailWatch(ExchangeProcess exchange, Seen seen) throws InterruptedException {
        thread = Thread.ofPlatform().daemon().name("bench-trail-watch").start(() -> watch(exchange, seen));
        if (!started.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the audit trail's end could not be read within 30 s");
        }
    }

    private void watch(ExchangeProcess exchange, Seen seen) {
        try (Connection connection = exchange.connect();
             PreparedStatement next = connection.prepareStatement("""
                     SELECT position, asset_id, event_type, data->>'bidId' FROM audit.trail_entry
                     WHERE position > ? ORDER BY position LIMIT 10000""")) {
            // once the trail holds tens of thousands of entries, PostgreSQL plans the poll as a parallel scan: starting its
            // worker took 15-25 ms a poll on 2 cores (EXPLAIN ANALYZE), which showed as audit lag; the index alone, 0.3 ms
            try (Statement session = connection.createStatement()) {
                session.execute("SET max_parallel_workers_per_gather = 0");
            }
            OutOfOrderCursor cursor;
            try (ResultSet max = connection.createStatement().executeQuery("SELECT coalesce(max(position), 0) FROM audit.trail_entry")) {
                max.next();
                cursor = new OutOfOrderCursor(max.getLong(1), GAP_NANOS);
            }
            started.countDown();
            while (watching) {
                next.setLong(1, cursor.from());
                try (ResultSet rows = next.executeQuery()) {
                    long now = System.nanoTime();
                    while (rows.next()) {
                        if (cursor.firstSight(rows.getLong(1))) {
                            seen.entry(rows.getString(2), rows.getString(3), rows.getString(4), now);
                        }
                    }
                    cursor.polled(now);
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            if (watching) {
                System.err.println("Watching the audit trail failed: " + e);
            }
        } finally {
            started.countDown();
        }
    }

    @Override
    public void close() throws InterruptedException {
        watching = false;
        thread.join(5_000);
    }
}

package io.techex.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Watches audit-service's trail from the outside, over SQL every 5 ms, and tells {@code seen} of each new entry when
 * it was noticed: the asset, the event's type, and a bid's id (null for other events). Starts at the trail's end.
 */
final class TrailWatch implements AutoCloseable {

    interface Seen {
        void entry(String assetId, String eventType, String bidId, long nanos);
    }

    private final Thread thread;
    private volatile boolean watching = true;

    TrailWatch(ExchangeProcess exchange, Seen seen) {
        thread = Thread.ofPlatform().daemon().name("bench-trail-watch").start(() -> watch(exchange, seen));
    }

    private void watch(ExchangeProcess exchange, Seen seen) {
        try (Connection connection = exchange.connect();
             PreparedStatement next = connection.prepareStatement("""
                     SELECT position, asset_id, event_type, data->>'bidId' FROM audit.trail_entry
                     WHERE position > ? ORDER BY position LIMIT 10000""")) {
            long position;
            try (ResultSet max = connection.createStatement().executeQuery("SELECT coalesce(max(position), 0) FROM audit.trail_entry")) {
                max.next();
                position = max.getLong(1);
            }
            while (watching) {
                next.setLong(1, position);
                try (ResultSet rows = next.executeQuery()) {
                    long now = System.nanoTime();
                    while (rows.next()) {
                        position = rows.getLong(1);
                        seen.entry(rows.getString(2), rows.getString(3), rows.getString(4), now);
                    }
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            if (watching) {
                System.err.println("Watching the audit trail failed: " + e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        watching = false;
        thread.join(5_000);
    }
}

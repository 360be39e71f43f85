package io.techex.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Projection rebuild by replay: listing-service's read-model processors have their tokens reset and are timed until
 * they are back at the head of the event store, in the exchange's process (a command to it: nothing outside can
 * reset tokens); events a second = events in the store / that time.
 *
 * <p>The store is first topped up to {@code bench.replay-events} by copying the listings' own event streams under new
 * listing ids in SQL (payloads get the new id too), so a replay handles real events of every kind the lifecycle
 * produces without minutes of drafting over HTTP. The relay is stopped first: the copies are not news for Kafka.
 */
final class ReplayScenario {

    private static final List<String> PROCESSORS = List.of("listing-catalogue", "listing-search");

    private final Options options;
    private final ExchangeProcess exchange;

    ReplayScenario(Options options, ExchangeProcess exchange) {
        this.options = options;
        this.exchange = exchange;
    }

    List<Row> run() throws Exception {
        exchange.stopProcessor(ExchangeProcess.LISTING, "kafka-relay");
        long events = topUp(options.replayEvents());
        if (events == 0) {
            throw new IllegalStateException("listing-service's event store is empty: run the bids or relay scenario first");
        }
        long head = head();
        // the copies are new to every processor of the service: a replay timed while the others still handle them
        // shared the cores with them (the matching processors' tokenising took 5.6 s of PostgreSQL's time in one run)
        String settled = exchange.awaitAllAtHead(ExchangeProcess.LISTING, head, 300);
        System.out.printf("replay: %d events in listing-service's store; at its head: %s%n", events, settled);
        List<Row> rows = new ArrayList<>();
        for (String name : PROCESSORS) {
            List<Double> rates = new ArrayList<>();
            int segments = 1;
            for (int rep = 0; rep < options.repetitions(); rep++) {
                double[] replayed = exchange.replay(ExchangeProcess.LISTING, name, head, 600);
                double seconds = replayed[0];
                segments = (int) replayed[1];
                rates.add(events / seconds);
                System.out.printf("  replay %s rep %d: %d events in %.2f s, %.0f events/s%n", name, rep + 1, events, seconds, rates.getLast());
            }
            Row row = Row.of("replay-" + name, "projection rebuild, " + name, "replayed events/s (" + events + " events)", "1/s",
                    segments, Stats.median(rates), Stats.percentile(rates, 99), events, rates);
            rows.add(row.goal("≥ 20,000 events/s", row.median() >= 20_000));
        }
        return rows;
    }

    private long topUp(int target) throws Exception {
        try (Connection connection = exchange.connect(); Statement sql = connection.createStatement()) {
            long events = count(sql);
            if (events == 0 || events >= target) {
                return events;
            }
            long aggregates;
            try (ResultSet rows = sql.executeQuery("SELECT count(DISTINCT aggregate_identifier) FROM listing.domain_event_entry")) {
                rows.next();
                aggregates = rows.getLong(1);
            }
            long copies = (long) Math.ceil((target - events) / (double) events);
            sql.execute("""
                    WITH copy AS (
                        SELECT a.aggregate_identifier AS old_id, gen_random_uuid()::text AS new_id
                        FROM (SELECT DISTINCT aggregate_identifier FROM listing.domain_event_entry) a
                        CROSS JOIN generate_series(1, %d))
                    INSERT INTO listing.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    SELECT gen_random_uuid()::text, c.new_id, e.sequence_number, e.type, e.time_stamp, e.payload_type,
                           e.payload_revision, convert_to(replace(convert_from(e.payload, 'UTF8'), c.old_id, c.new_id), 'UTF8'),
                           e.meta_data
                    FROM copy c JOIN listing.domain_event_entry e ON e.aggregate_identifier = c.old_id
                    ORDER BY c.new_id, e.sequence_number""".formatted(copies));
            System.out.printf("replay: copied %d listings' streams %d times%n", aggregates, copies);
            return count(sql);
        }
    }

    private static long count(Statement sql) throws Exception {
        try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM listing.domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private long head() throws Exception {
        try (Connection connection = exchange.connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT coalesce(max(global_index), 0) FROM listing.domain_event_entry")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

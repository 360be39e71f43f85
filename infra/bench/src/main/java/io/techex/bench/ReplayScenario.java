package io.techex.bench;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Projection rebuild by replay: listing-service's read-model processors have their tokens reset and are timed until
 * they are back at the head of the event store, in the exchange's process (a command to it: nothing outside can
 * reset tokens); events a second = events in the store / that time.
 *
 * <p>The store is first topped up to {@code bench.replay-events} with {@link ListingStreamCopies}. The relay is stopped
 * first: the copies are not news for Kafka. Each processor replays once unmeasured first, as the relay drains once:
 * a replay's batches take paths the live handling of a few events at a time did not compile (until 2026-12-07 the
 * first measured replay was often the slowest: 9,391 and 9,612 events/s against medians of 13,048 and 15,944 in the
 * full run of 04:03). With {@code bench.jfr}, one more replay of each processor follows the measured ones, recorded
 * with JFR ({@code replay-<processor>.jfr}), its rate in the note: the recording costs the exchange CPU, so the
 * measured replays are not recorded. The note also gives the CPU per replayed event of the measured replays, the
 * exchange's and PostgreSQL's, and what the rest of the machine used meanwhile: a replay's rate is that CPU on two
 * shared cores, and moves with whatever else runs; and what PostgreSQL did besides the replays' statements
 * ({@link PostgresActivity}: WAL, checkpoints, buffers written out, blocks read from outside shared buffers).
 */
final class ReplayScenario {

    private static final List<String> PROCESSORS = List.of("listing-catalogue", "listing-search");

    private final Options options;
    private final ExchangeProcess exchange;
    private final CpuMeter cpu;

    ReplayScenario(Options options, ExchangeProcess exchange, CpuMeter cpu) {
        this.options = options;
        this.exchange = exchange;
        this.cpu = cpu;
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
            double warmUp = exchange.replay(ExchangeProcess.LISTING, name, head, 600)[0];
            System.out.printf("  replay %s warm-up: %d events in %.2f s, %.0f events/s%n", name, events, warmUp, events / warmUp);
            CpuMeter.Usage used = CpuMeter.Usage.NONE;
            PostgresActivity activity = PostgresActivity.NONE;
            for (int rep = 0; rep < options.repetitions(); rep++) {
                CpuMeter.Window window = cpu == null ? null : cpu.start();
                PostgresActivity before = postgresActivity();
                double[] replayed = exchange.replay(ExchangeProcess.LISTING, name, head, 600);
                activity = activity.plus(postgresActivity().minus(before));
                if (cpu != null) {
                    used = used.plus(cpu.stop(window));
                }
                double seconds = replayed[0];
                segments = (int) replayed[1];
                rates.add(events / seconds);
                System.out.printf("  replay %s rep %d: %d events in %.2f s, %.0f events/s%n", name, rep + 1, events, seconds, rates.getLast());
            }
            Row row = Row.of("replay-" + name, "projection rebuild, " + name, "replayed events/s (" + events + " events)", "1/s",
                    segments, Stats.median(rates), Stats.percentile(rates, 99), events, rates)
                    .goal("≥ 20,000 events/s", Stats.median(rates) >= 20_000);
            double replayedEvents = (double) events * options.repetitions();
            if (cpu != null) {
                row = row.note(String.format(java.util.Locale.ROOT,
                        "CPU per replayed event over the measured replays: the exchange %s µs, PostgreSQL %s µs (its"
                                + " background processes %s of them), the rest of the machine %s µs; the machine %s cores"
                                + " busy (a warm-up replay first, unmeasured: %s events/s)",
                        Report.number(used.exchangeMs() * 1000 / replayedEvents),
                        Report.number(used.postgresMs() * 1000 / replayedEvents),
                        Report.number(used.postgresBackgroundMs() * 1000 / replayedEvents),
                        Report.number((used.machineMs() - used.exchangeMs() - used.postgresMs()) * 1000 / replayedEvents),
                        Report.number(used.cores(used.machineMs())), Report.number(events / warmUp)));
            }
            row = row.note(activity.per(replayedEvents, "replayed event"));
            if (options.jfr()) {
                String file = "replay-" + name + ".jfr";
                double seconds = exchange.recorded(options.output().resolve(file),
                        () -> exchange.replay(ExchangeProcess.LISTING, name, head, 600)[0]);
                row = row.note(String.format(java.util.Locale.ROOT, "one more replay recorded with JFR (%s): %s events/s",
                        file, Report.number(events / seconds)));
            }
            rows.add(row);
        }
        return rows;
    }

    private long topUp(int target) throws Exception {
        try (Connection connection = exchange.connect()) {
            long head = ListingStreamCopies.head(connection);
            long events = ListingStreamCopies.events(connection, head);
            if (events == 0 || events >= target) {
                return events;
            }
            long copies = (long) Math.ceil((target - events) / (double) events);
            ListingStreamCopies.copy(connection, head, copies);
            System.out.printf("replay: copied the listings' streams %d times%n", copies);
            return ListingStreamCopies.events(connection, ListingStreamCopies.head(connection));
        }
    }

    private PostgresActivity postgresActivity() throws Exception {
        try (Connection connection = exchange.connect()) {
            return PostgresActivity.read(connection);
        }
    }

    private long head() throws Exception {
        try (Connection connection = exchange.connect()) {
            return ListingStreamCopies.head(connection);
        }
    }
}

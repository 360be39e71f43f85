package io.techex.bench;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Projection rebuild by replay: listing-service's read-model processors have their tokens reset and are timed until
 * they are back at the head of the event store; events a second = events in the store / that time.
 *
 * <p>The store is first topped up to {@code bench.replay-events} by copying the listings' own event streams under new
 * listing ids in SQL (payloads get the new id too), so a replay handles real events of every kind the lifecycle
 * produces without minutes of drafting over HTTP. The relay is stopped first: the copies are not news for Kafka.
 *
 * <p>While one processor replays, listing-service's other streaming processors are paused: the copies are news to
 * them too (the matching processors score every copied listing against every other, for minutes), and a replay's
 * rate measured beside that backlog would be the backlog's. The anchor beside each rate is the store's own read
 * rate: the whole stream read from the start through Axon's event store and every payload deserialised, on one
 * thread, as a processor's coordinator reads it; no projection replays faster than its events can be read.
 */
final class ReplayScenario {

    private static final List<String> PROCESSORS = List.of("listing-catalogue", "listing-search");

    private final Options options;
    private final BenchExchange exchange;

    ReplayScenario(Options options, BenchExchange exchange) {
        this.options = options;
        this.exchange = exchange;
    }

    List<Row> run() throws Exception {
        EventProcessingConfiguration processing = exchange.service(BenchExchange.LISTING).getBean(EventProcessingConfiguration.class);
        processing.eventProcessor("kafka-relay", PooledStreamingEventProcessor.class).ifPresent(relay -> relay.shutdownAsync().join());
        long events = topUp(options.replayEvents());
        if (events == 0) {
            throw new IllegalStateException("listing-service's event store is empty: run the bids or relay scenario first");
        }
        long head = head();
        for (String name : PROCESSORS) {
            awaitHead(processor(processing, name), head, 300);
        }
        System.out.printf("replay: %d events in listing-service's store%n", events);
        List<StreamingEventProcessor> paused = processing.eventProcessors().values().stream()
                .filter(p -> p instanceof StreamingEventProcessor && p.isRunning())
                .map(p -> (StreamingEventProcessor) p).toList();
        paused.forEach(StreamingEventProcessor::shutDown);
        try {
            List<Double> reads = new ArrayList<>();
            for (int rep = 0; rep < options.repetitions(); rep++) {
                reads.add(readRate(head, events));
            }
            List<Row> rows = new ArrayList<>();
            for (String name : PROCESSORS) {
                StreamingEventProcessor processor = processor(processing, name);
                List<Double> rates = new ArrayList<>();
                int segments = 0;
                for (int rep = 0; rep < options.repetitions(); rep++) {
                    processor.resetTokens();
                    Cpu before = cpu(name);
                    long started = System.nanoTime();
                    processor.start();
                    awaitHead(processor, head, 600);
                    double seconds = (System.nanoTime() - started) / 1e9;
                    Cpu used = cpu(name).minus(before);
                    segments = processor.processingStatus().size();
                    processor.shutdownAsync().join();
                    rates.add(events / seconds);
                    System.out.printf("  replay %s rep %d: %d events in %.2f s, %.0f events/s; CPU %.2f s in the processor's"
                                    + " threads, %.2f s in PostgreSQL's backends of this database (%.0f + %.0f µs an event)%n",
                            name, rep + 1, events, seconds, rates.getLast(), used.jvmSeconds(), used.postgresSeconds(),
                            used.jvmSeconds() * 1e6 / events, used.postgresSeconds() * 1e6 / events);
                }
                Row row = Row.of("replay-" + name, "projection rebuild, " + name, "replayed events/s (" + events + " events)", "1/s",
                        segments, Stats.median(rates), Stats.percentile(rates, 99), events, rates)
                        .anchor("the store read through Axon, payloads deserialised, 1 thread", Stats.median(reads), Stats.percentile(reads, 99));
                rows.add(row.goal("≥ 20,000 events/s", row.median() >= 20_000));
            }
            return rows;
        } finally {
            paused.forEach(StreamingEventProcessor::start);
        }
    }

    /** Events a second of the whole stream read from the start, each payload deserialised, to {@code head}. */
    private double readRate(long head, long events) throws InterruptedException {
        EventStore store = exchange.service(BenchExchange.LISTING).getBean(EventStore.class);
        long started = System.nanoTime();
        long read = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
            while (true) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                event.getPayload();
                read++;
                if (event.trackingToken().position().orElse(-1) >= head) {
                    break;
                }
            }
        }
        double rate = read / ((System.nanoTime() - started) / 1e9);
        System.out.printf("  store read: %d of %d events, %.0f events/s%n", read, events, rate);
        return rate;
    }

    /**
     * CPU time so far of the processor's own threads (its coordinator and workers, named after it) and of PostgreSQL's
     * backends serving this database: printed beside each replay, as on a machine whose cores other work shares a
     * rate says less than the CPU an event costs. Threads are counted by id, so one that ends is missed: the
     * processor's threads live until it shuts down, after the second reading.
     */
    private Cpu cpu(String processor) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> byThread = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().contains("[" + processor + "]")) {
                byThread.put(thread.threadId(), threads.getThreadCpuTime(thread.threadId()));
            }
        }
        double postgres = 0;
        try (Connection connection = exchange.connect(); Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            while (rows.next()) {
                Path stat = Path.of("/proc", rows.getString(1), "stat");
                if (!Files.isReadable(stat)) {
                    postgres = Double.NaN;
                    break;
                }
                // utime and stime, fields 14 and 15, in clock ticks of (on Linux, nearly always) 1/100 s
                String line = Files.readString(stat);
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                postgres += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
            }
        }
        return new Cpu(byThread, postgres);
    }

    /** CPU nanoseconds by thread id, and PostgreSQL's CPU seconds. */
    private record Cpu(Map<Long, Long> threadNanos, double postgresSeconds) {

        Cpu minus(Cpu earlier) {
            Map<Long, Long> used = new HashMap<>();
            threadNanos.forEach((id, nanos) -> used.put(id, nanos - earlier.threadNanos.getOrDefault(id, 0L)));
            return new Cpu(used, postgresSeconds - earlier.postgresSeconds);
        }

        double jvmSeconds() {
            return threadNanos.values().stream().mapToLong(Long::longValue).sum() / 1e9;
        }
    }

    private static StreamingEventProcessor processor(EventProcessingConfiguration processing, String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("listing-service has no streaming processor " + name));
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

    /**
     * Waits until every segment is claimed and at or past {@code head}. Not "out of replay": a ReplayToken is only
     * unwrapped by the first event beyond the reset point, and with no new events it stays a replay token for good.
     */
    private static void awaitHead(StreamingEventProcessor processor, long head, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<Integer, EventTrackerStatus> status = processor.processingStatus();
            if (!status.isEmpty() && status.size() >= segments(processor) && status.values().stream().allMatch(s ->
                    !s.isErrorState() && s.getCurrentPosition().orElse(-1) >= head)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(processor.getName() + " did not reach " + head + " within " + timeoutSeconds + " s: "
                + processor.processingStatus());
    }

    private static int segments(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream().mapToInt(s -> s.getSegment().getMask() + 1).max().orElse(1);
    }
}

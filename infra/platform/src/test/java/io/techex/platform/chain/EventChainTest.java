package io.techex.platform.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.techex.platform.chain.BrokenLink.Problem;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;

/**
 * The hash chain on a real PostgreSQL, written by the migration's trigger under Axon's own JDBC storage engine and
 * checked by {@link EventChainVerifier}: an untouched store verifies; each kind of tampering is named at the right
 * link; concurrent appenders, including two racing for one sequence number, leave a valid chain.
 */
class EventChainTest {

    /** A payload shaped like the services' events: a record serialized by Axon's Jackson serializer. */
    record Happened(String assetId, int step, String note) {
    }

    private static TestEnvironment env;
    private ChainedEventStore store;

    @BeforeAll
    static void database() {
        env = TestInfrastructure.get().newEnvironment("eventchain");
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void eventsAppendedThroughAxonVerify() {
        store = ChainedEventStore.create(env, null);
        store.append(stream("listing-1", 0, 5));
        store.append(stream("listing-2", 0, 3));
        store.append(stream("listing-1", 5, 2));
        EventMessage<?> published = GenericEventMessage.asEventMessage(new Happened("listing-1", 99, "viewed"))
                .andMetaData(Map.of("actorPerson", "người xem"));
        store.append(List.of(published));

        ChainReport report = store.verify();

        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.events()).isEqualTo(11);
        assertThat(report.aggregates()).isEqualTo(3);
        // Axon stores an event published without an aggregate as a chain of its own: its id, sequence 0
        assertThat(store.jdbc.queryForMap(
                "SELECT aggregate_identifier, sequence_number FROM domain_event_entry WHERE event_identifier = ?",
                published.getIdentifier()))
                .containsEntry("aggregate_identifier", published.getIdentifier())
                .containsEntry("sequence_number", 0L);
        assertThat(store.jdbc.queryForObject("SELECT sequence_number FROM domain_event_chain_head"
                + " WHERE aggregate_identifier = 'listing-1'", Long.class)).isEqualTo(6L);
    }

    @Test
    void theDatabaseAndJavaAgreeOnTheCanonicalFormOfEveryKindOfField() {
        store = ChainedEventStore.create(env, null);
        // NULL and the empty string must encode differently, and non-ASCII text as UTF-8 in both languages
        insert("e-0", "a", 0, null, "{}".getBytes(StandardCharsets.UTF_8), null);
        insert("e-1", "a", 1, "", "{\"tên\":\"Công nghệ\"}".getBytes(StandardCharsets.UTF_8), new byte[0]);
        insert("e-2", "a", 2, "Listing", new byte[]{0, (byte) 0xff, 0x27, 0x5c}, "{}".getBytes(StandardCharsets.UTF_8));

        for (var row : store.jdbc.queryForList("SELECT * FROM domain_event_entry ORDER BY sequence_number")) {
            byte[] expected = EventChainHashes.contentHash((String) row.get("event_identifier"),
                    (String) row.get("aggregate_identifier"), (Long) row.get("sequence_number"),
                    (String) row.get("type"), (String) row.get("time_stamp"), (String) row.get("payload_type"),
                    (String) row.get("payload_revision"), (byte[]) row.get("payload"), (byte[]) row.get("meta_data"));
            assertThat((byte[]) row.get("content_hash")).as("content hash of %s", row.get("event_identifier"))
                    .isEqualTo(expected);
        }
        assertThat(EventChainHashes.canonicalForm("e", "a", 0, null, "t", "p", null, new byte[0], null))
                .isNotEqualTo(EventChainHashes.canonicalForm("e", "a", 0, "", "t", "p", null, new byte[0], null));
        assertThat(store.verify().ok()).isTrue();
    }

    @Test
    void hashesSuppliedByTheWriterAreReplaced() {
        store = ChainedEventStore.create(env, null);
        store.jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
                    payload_type, payload, content_hash, chain_hash)
                VALUES ('forged', 'a', 0, 'T', '2026-01-01T00:00:00Z', 'p', '\\x01', '\\x00', '\\x00')""");

        assertThat(store.jdbc.queryForObject("SELECT octet_length(chain_hash) FROM domain_event_entry", Integer.class))
                .isEqualTo(32);
        assertThat(store.verify().ok()).isTrue();
    }

    @Test
    void aChangedPayloadByteIsNamed() {
        store = ChainedEventStore.create(env, null);
        store.append(stream("asset-7", 0, 4));
        String third = eventId("asset-7", 2);

        store.jdbc.update("UPDATE domain_event_entry SET payload = set_byte(payload, 3, get_byte(payload, 3) # 1)"
                + " WHERE event_identifier = ?", third);

        BrokenLink broken = brokenLink();
        assertThat(broken.problem()).isEqualTo(Problem.CONTENT_CHANGED);
        assertThat(broken.aggregateIdentifier()).isEqualTo("asset-7");
        assertThat(broken.sequenceNumber()).isEqualTo(2);
        assertThat(broken.eventIdentifier()).isEqualTo(third);
    }

    @Test
    void aChangedMetaDataOrTimestampIsNamedToo() {
        store = ChainedEventStore.create(env, null);
        store.append(stream("asset-8", 0, 3));
        store.jdbc.update("UPDATE domain_event_entry SET time_stamp = '2020-01-01T00:00:00Z'"
                + " WHERE aggregate_identifier = 'asset-8' AND sequence_number = 1");

        BrokenLink broken = brokenLink();
        assertThat(broken.problem()).isEqualTo(Problem.CONTENT_CHANGED);
        assertThat(broken.sequenceNumber()).isEqualTo(1);
    }

    @Test
    void aDeletedMiddleRowIsNamedAsTheGap() {
        store = ChainedEventStore.create(env, null);
        store.append(stream("asset-1", 0, 3));
        store.append(stream("asset-2", 0, 6));
        store.jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = 'asset-2'"
                + " AND sequence_number = 3");

        BrokenLink broken = brokenLink();
        assertThat(broken.problem()).isEqualTo(Problem.ROW_MISSING);
        assertThat(broken.aggregateIdentifier()).isEqualTo("asset-2");
        assertThat(broken.sequenceNumber()).isEqualTo(3);
        assertThat(broken.eventIdentifier()).as("the event after the gap").isEqualTo(eventId("asset-2", 4));
        assertThat(broken.detail()).contains("sequence 3 missing");
    }

    @Test
    void theNewestEventDeletedIsCaughtByTheHead() {
        store = ChainedEventStore.create(env, null);
        store.append(stream("asset-3", 0, 4));
        store.jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = 'asset-3'"
                + " AND sequence_number = 3");

        BrokenLink broken = brokenLink();
        assertThat(broken.problem()).isEqualTo(Problem.ROW_MISSING);
        assertThat(broken.aggregateIdentifier()).isEqualTo("asset-3");
        assertThat(broken.sequenceNumber()).isEqualTo(3);
    }

    @Test
    void aDeletedEventWithoutAggregateIsCaught() {
        store = ChainedEventStore.create(env, null);
        store.append(stream("asset-4", 0, 2));
        EventMessage<?> published = GenericEventMessage.asEventMessage(new Happened("asset-4", 0, "viewed"));
        store.append(List.of(published));
        store.jdbc.update("DELETE FROM domain_event_entry WHERE event_identifier = ?", published.getIdentifier());

        BrokenLink broken = brokenLink();
        assertThat(broken.problem()).isEqualTo(Problem.ROW_MISSING);
        assertThat(broken.aggregateIdentifier()).isEqualTo(published.getIdentifier());
        assertThat(broken.sequenceNumber()).isZero();
    }

    @Test
    void aRowRewrittenWithItsOwnHashesBreaksAtTheNextLink() {
        store = ChainedEventStore.create(env, null);
        store.append(stream("asset-5", 0, 5));
        // What someone who read the migration would do: recompute this row's hashes, but not the successors'
        store.jdbc.update("""
                UPDATE domain_event_entry e
                SET payload = convert_to('{"assetId":"asset-5","step":2,"note":"rewritten"}', 'UTF8'),
                    content_hash = event_chain_content_hash(e.event_identifier, e.aggregate_identifier,
                        e.sequence_number, e.type, e.time_stamp, e.payload_type, e.payload_revision,
                        convert_to('{"assetId":"asset-5","step":2,"note":"rewritten"}', 'UTF8'), e.meta_data)
                WHERE aggregate_identifier = 'asset-5' AND sequence_number = 2""");
        store.jdbc.update("""
                UPDATE domain_event_entry e
                SET chain_hash = sha256(p.chain_hash || e.content_hash)
                FROM domain_event_entry p
                WHERE e.aggregate_identifier = 'asset-5' AND e.sequence_number = 2
                  AND p.aggregate_identifier = 'asset-5' AND p.sequence_number = 1""");

        BrokenLink broken = brokenLink();
        assertThat(broken.problem()).isEqualTo(Problem.CHAIN_HASH_MISMATCH);
        assertThat(broken.aggregateIdentifier()).isEqualTo("asset-5");
        assertThat(broken.sequenceNumber()).isEqualTo(3);
        assertThat(broken.eventIdentifier()).isEqualTo(eventId("asset-5", 3));
    }

    @Test
    void anEditedChainHashIsNamed() {
        store = ChainedEventStore.create(env, null);
        store.append(stream("asset-6", 0, 3));
        store.jdbc.update("UPDATE domain_event_entry SET chain_hash = sha256(chain_hash)"
                + " WHERE aggregate_identifier = 'asset-6' AND sequence_number = 1");

        BrokenLink broken = brokenLink();
        assertThat(broken.problem()).isEqualTo(Problem.CHAIN_HASH_MISMATCH);
        assertThat(broken.sequenceNumber()).isEqualTo(1);
    }

    @Test
    void anAppendWithoutItsPredecessorIsRefused() {
        store = ChainedEventStore.create(env, null);
        store.append(stream("asset-9", 0, 2));

        assertThatThrownBy(() -> insert("skips", "asset-9", 3, "Listing", new byte[]{1}, null))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("aggregate asset-9 has no event 2");
        assertThat(store.verify().ok()).isTrue();
    }

    @Test
    void concurrentAppendersToDifferentAggregatesKeepEveryChainValid() throws Exception {
        store = ChainedEventStore.create(env, null);
        int writers = 8;
        int batches = 10;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String aggregate = "parallel-" + w;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int b = 0; b < batches; b++) {
                        store.append(stream(aggregate, b * 3L, 3));
                        // interleave aggregate-less events, which share the table and the trigger
                        store.append(List.of(GenericEventMessage.asEventMessage(new Happened(aggregate, b, "seen"))));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        ChainReport report = store.verify();
        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.events()).isEqualTo(writers * batches * 4L);
        assertThat(report.aggregates()).isEqualTo(writers + (long) writers * batches);
    }

    @Test
    void appendersRacingForOneAggregateLoseCleanlyAndLeaveAValidChain() throws Exception {
        store = ChainedEventStore.create(env, null);
        store.append(stream("contested", 0, 1));
        int racers = 6;
        int wins = 5;
        AtomicInteger conflicts = new AtomicInteger();
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int r = 0; r < racers; r++) {
                done.add(pool.submit(() -> {
                    start.await();
                    int won = 0;
                    while (won < wins) {
                        // what a command handler does: load the aggregate's position, append after it
                        long next = store.engine.lastSequenceNumberFor("contested").orElse(-1L) + 1;
                        try {
                            store.append(stream("contested", next, 2));
                            won++;
                        } catch (ConcurrencyException lost) {
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        ChainReport report = store.verify();
        assertThat(report.ok()).as("%s (after %d conflicts)", report, conflicts.get()).isTrue();
        assertThat(report.events()).isEqualTo(1 + racers * wins * 2L);
    }

    @Test
    void theSecondAppenderOfOneSequenceNumberWaitsThenGetsAConflict() throws Exception {
        store = ChainedEventStore.create(env, null);
        store.append(stream("duel", 0, 2));
        RacedAppend raced = raceForSequence2(true);

        assertThat(raced.second()).isInstanceOf(ConcurrencyException.class);
        assertThat(store.jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry"
                + " WHERE aggregate_identifier = 'duel' AND sequence_number = 2", String.class))
                .isEqualTo(raced.firstEventId());
        assertThat(store.verify().ok()).isTrue();
    }

    @Test
    void whenTheFirstAppenderRollsBackTheWaitingOneChainsInstead() throws Exception {
        store = ChainedEventStore.create(env, null);
        store.append(stream("duel", 0, 2));
        RacedAppend raced = raceForSequence2(false);

        assertThat(raced.second()).isNull();
        assertThat(store.jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry"
                + " WHERE aggregate_identifier = 'duel' AND sequence_number = 2", String.class))
                .isEqualTo(raced.secondEventId());
        assertThat(store.verify().ok()).isTrue();
    }

    @Test
    void rowsStoredBeforeTheChainAreChainedByTheMigration() {
        store = ChainedEventStore.create(env, "0.2");
        // out of sequence order and interleaved, as a store written over time would be laid out
        insertLegacy("old-2", "legacy-a", 2);
        insertLegacy("old-0", "legacy-a", 0);
        insertLegacy("other", "legacy-b", 0);
        insertLegacy("old-1", "legacy-a", 1);

        ChainedEventStore.migrate(env, store.schema, null);
        store.append(stream("legacy-a", 3, 2));

        ChainReport report = store.verify();
        assertThat(report.ok()).as("%s", report).isTrue();
        assertThat(report.events()).isEqualTo(6);
    }

    @Test
    void theCommandPrintsOkOrTheBrokenLinkAndExitsAccordingly() {
        store = ChainedEventStore.create(env, null);
        store.append(stream("cmd", 0, 3));
        String[] args = {env.jdbcUrl(), store.schema, env.username(), env.password()};

        Run ok = command(args);
        assertThat(ok.status()).as(ok.out() + ok.err()).isEqualTo(0);
        assertThat(ok.out()).contains(store.schema + ": OK, 3 events in 1 aggregates").contains("events/s");

        store.jdbc.update("UPDATE domain_event_entry SET payload = payload || '\\x20'::bytea"
                + " WHERE aggregate_identifier = 'cmd' AND sequence_number = 1");
        Run broken = command(args);
        assertThat(broken.status()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN").contains("CONTENT_CHANGED at aggregate cmd sequence 1 (event "
                + eventId("cmd", 1) + ")");

        Run missing = command(new String[]{env.jdbcUrl(), "no_such_schema", env.username(), env.password()});
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("no_such_schema: cannot verify");

        assertThat(command(new String[]{env.jdbcUrl()}).status()).isEqualTo(2);
    }

    // --- helpers

    private record RacedAppend(String firstEventId, String secondEventId, Throwable second) {
    }

    /**
     * Appends sequence 2 of "duel" in a transaction left open, lets a second appender of sequence 2 start and block
     * on it (seen in pg_stat_activity, not guessed with a sleep), then commits or rolls back the first.
     */
    private RacedAppend raceForSequence2(boolean commitFirst) throws Exception {
        DomainEventMessage<?> first = event("duel", 2, "first");
        DomainEventMessage<?> second = event("duel", 2, "second");
        CountDownLatch firstAppended = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> firstDone = pool.submit(() -> store.transactions.executeWithoutResult(status -> {
                store.append(List.of(first));
                firstAppended.countDown();
                try {
                    finishFirst.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (!commitFirst) {
                    status.setRollbackOnly();
                }
            }));
            assertThat(firstAppended.await(1, TimeUnit.MINUTES)).isTrue();
            Future<Throwable> secondDone = pool.submit(() -> {
                try {
                    store.append(List.of(second));
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            await().atMost(Duration.ofMinutes(1)).until(() -> store.jdbc.queryForObject(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                            + " AND wait_event_type = 'Lock' AND query ILIKE 'INSERT INTO domain_event_entry%'",
                    Integer.class) == 1);
            finishFirst.countDown();
            firstDone.get(1, TimeUnit.MINUTES);
            return new RacedAppend(first.getIdentifier(), second.getIdentifier(), secondDone.get(1, TimeUnit.MINUTES));
        } finally {
            pool.shutdownNow();
        }
    }

    private record Run(int status, String out, String err) {
    }

    private static Run command(String[] args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = VerifyEventChain.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private BrokenLink brokenLink() {
        ChainReport report = store.verify();
        assertThat(report.brokenLink()).as("verification of a tampered store").isPresent();
        return report.brokenLink().orElseThrow();
    }

    private String eventId(String aggregate, long sequence) {
        return store.jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? AND sequence_number = ?", String.class, aggregate, sequence);
    }

    /** The INSERT Axon's engine issues, with the columns it fills. */
    private void insert(String eventId, String aggregate, long sequence, String type, byte[] payload, byte[] metaData) {
        store.jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, ?, '2026-11-23T10:15:30.123Z', 'io.techex.Thing', NULL, ?, ?)""",
                eventId, aggregate, sequence, type, payload, metaData);
    }

    /** A row as V0_1 stored it, before the chain columns existed. */
    private void insertLegacy(String eventId, String aggregate, long sequence) {
        store.jdbc.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, ?, 'Listing', '2025-01-01T00:00:00Z', 'io.techex.Old', '1', ?, NULL)""",
                eventId, aggregate, sequence, ("{\"n\":" + sequence + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static List<DomainEventMessage<?>> stream(String aggregate, long from, int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (long sequence = from; sequence < from + count; sequence++) {
            events.add(event(aggregate, sequence, "step " + sequence));
        }
        return events;
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence, String note) {
        return new GenericDomainEventMessage<>("Listing", aggregate, sequence,
                new Happened(aggregate, (int) sequence, note), MetaData.with("actorPerson", "p-" + sequence));
    }
}

package io.techex.audit.log;

import io.techex.platform.database.PlansForTheseValues;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gives recorded trail entries their place in the Merkle log, in an order that depends only on the topics' contents,
 * so that re-reading every topic from the beginning rebuilds the same log and root hash.
 *
 * <h2>The order</h2>
 * The trail recorder receives the partitions of three topics interleaved as Kafka happens to deliver them; that
 * interleaving differs from one run to the next. The log instead orders entries by
 * {@code (log_time, source service, partition, offset)}, where {@code log_time} is the record's Kafka timestamp,
 * raised to the previous record's where it would go backwards within a partition (so it never decreases along a
 * partition). Every part of that key is stored in the topics themselves.
 * <p>
 * An entry may only be given its place once no entry that sorts before it can still arrive. Each round computes a
 * horizon per partition: records not yet processed there will have a {@code log_time} at least that of the last one
 * processed (the partition's order) and, once the partition is drained (the trail holds the record before the end
 * offset the broker reported, or the consumer group's committed offset has reached that end), at least
 * {@code now - settle}, because a record carries the time its producer created it and reaches the broker within the
 * producer's delivery timeout (10 s for the relay). Entries strictly before the smallest horizon are appended, in key
 * order.
 *
 * <h2>What that rests on, honestly</h2>
 * <ul>
 *   <li>{@code techex.audit.log.settle} (default 30 s) must exceed the producers' delivery timeout plus the clock skew
 *       between producers and this service. A record older than that when it arrives sorts before entries already
 *       in the log: it is appended at the end all the same (the log never changes its past) and logged as an error,
 *       and from then on a replay would order it differently. Topics with {@code message.timestamp.type=LogAppendTime}
 *       take producer clocks out of it.</li>
 *   <li>The log lags the topics by {@code settle} while a partition is idle, which is the price of not depending on
 *       delivery order; a signed tree head every minute hides it.</li>
 *   <li>Replay must see the same records: duplicates are recognised by CloudEvent id in topic order, poison messages
 *       are judged by the same contracts; a record that fails for another reason is retried, never skipped
 *       ({@code AuditLogConfiguration}).</li>
 * </ul>
 * <h2>The leaves</h2>
 * Each entry becomes a {@link LogEntryForm#leaf format 2 leaf}: its event form and the index of the leaf before it
 * with the same subject (its asset), which only this order decides, so that a replay computes the same back-links.
 * <p>
 * One instance sequences at a time (a PostgreSQL advisory lock); others skip the round.
 *
 * <h2>Keeping up</h2>
 * A round takes at most {@value #MAX_PER_ROUND} entries, through the queue's index in the log's order, each with its
 * trail entry looked up by key (a round reads what it appends, however long the trail), and writes
 * their leaves, their assets' newest leaf ({@code log_asset_latest}, the next back-link) and their removal from the
 * queue in one statement each; a full round is followed by another at once, so a backlog is sequenced as fast as the
 * database writes it rather than a round per tick. The statements after the queue's read, which name the round's
 * entries, are planned for them ({@link PlansForTheseValues}).
 */
@Component
public class LogSequencer {

    private static final Logger log = LoggerFactory.getLogger(LogSequencer.class);
    /** Advisory lock key: "audit-sequencer". */
    private static final long LOCK = 0x6175646974_5345L;
    private static final int MAX_PER_ROUND = 5_000;

    /**
     * A round's entries: the queue's first ones before the horizon, through its index, which is in the log's order,
     * each with its trail entry looked up by its key. A join would be planned once, when the service starts with an
     * empty trail, as a hash of the round's entries probed by a scan of the whole trail, and kept until an analyze of
     * the trail (none runs where autovacuum is off): in a scratch database 41 ms for a round of 100 entries over a
     * trail of 250,000, 205 ms over 1,000,000, once a second under load; looked up by key, 0.4 ms (15 ms for a full
     * round). {@code OFFSET 0} keeps the planner from making the lookup a join again.
     */
    static final String SETTLED_ENTRIES = """
            SELECT p.event_id, t.asset_id, t.canonical, p.log_time, p.source_service, p.kafka_partition, p.kafka_offset
            FROM (SELECT * FROM log_pending WHERE log_time < ?
                  ORDER BY log_time, source_service COLLATE "C", kafka_partition, kafka_offset
                  LIMIT ?) p
            CROSS JOIN LATERAL (SELECT t.asset_id, t.canonical FROM trail_entry t
                                WHERE t.event_id = p.event_id OFFSET 0) t
            ORDER BY p.log_time, p.source_service COLLATE "C", p.kafka_partition, p.kafka_offset""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ConsumedPartitions partitions;
    private final Clock clock;
    private final long settleMillis;

    LogSequencer(JdbcTemplate jdbc, PlatformTransactionManager transactions, ConsumedPartitions partitions,
                 @Value("${techex.audit.log.settle:30s}") Duration settle) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.partitions = partitions;
        this.clock = Clock.systemUTC();
        this.settleMillis = settle.toMillis();
    }

    @Scheduled(fixedDelayString = "${techex.audit.log.sequence-interval:1s}", initialDelayString = "${techex.audit.log.sequence-interval:1s}")
    void scheduled() {
        try {
            // a full round leaves more behind it (a backlog being caught up): go on rather than wait for the next tick
            while (sequence() == MAX_PER_ROUND) {
                log.debug("Sequenced a full round of {}; another at once", MAX_PER_ROUND);
            }
        } catch (RuntimeException e) {
            // the next round tries again; nothing was half done, the round is one transaction
            log.warn("Sequencing the audit log failed, will retry: {}", e.getMessage());
        }
    }

    /** Appends every entry whose place is settled; returns how many. */
    public int sequence() {
        Integer appended = transactions.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return 0;
            }
            long horizon = horizon();
            List<Pending> settled = jdbc.query(SETTLED_ENTRIES,
                    (row, n) -> new Pending(row.getString(1), row.getString(2), row.getString(3),
                            new Key(row.getLong(4), row.getString(5), row.getInt(6), row.getLong(7))),
                    horizon, MAX_PER_ROUND);
            if (settled.isEmpty()) {
                return 0;
            }
            // the queue swings from empty to a backlog of 100,000 and back: a plan cached while it was short deleted a
            // round's entries from a long one by comparing every row with each of the round's ids (11.5 s a round).
            // Not before the read above: without statistics a plan made for the moment scanned the whole queue, dead
            // rows included, to sort what it found, where the cached one walks its index (28 ms against 1 for an
            // empty poll of a queue that had held 250,000)
            PlansForTheseValues.inThisTransaction(jdbc);
            long next = jdbc.queryForObject(LogTree.LOG_END, Long.class);
            Key last = lastKey(next);
            Map<String, Long> latestOfAsset = latestLeaves(settled);
            int n = settled.size();
            long first = next;
            String[] eventIds = new String[n];
            byte[][] hashes = new byte[n][];
            Long[] previousOfAsset = new Long[n];
            for (int i = 0; i < n; i++) {
                Pending entry = settled.get(i);
                if (last != null && entry.key().compareTo(last) < 0) {
                    log.error("Event {} arrived after the log had moved past its place ({} before {}): appended at leaf {}, "
                            + "where a replay of the topics would not put it. Raise techex.audit.log.settle.",
                            entry.eventId(), entry.key(), last, next);
                }
                Long previous = latestOfAsset.get(entry.assetId());
                String leaf = LogEntryForm.leaf(entry.canonical(), previous);
                eventIds[i] = entry.eventId();
                hashes[i] = LogEntryForm.leafHash(leaf);
                previousOfAsset[i] = previous;
                latestOfAsset.put(entry.assetId(), next);
                next++;
                last = entry.key();
            }
            // one statement for the round's leaves, which the database checks continue the log without a gap (V12)
            jdbc.update("""
                    INSERT INTO log_leaf (leaf_index, event_id, leaf_hash, leaf_version, asset_previous)
                    SELECT ? + l.n - 1, l.event_id, l.leaf_hash, ?, l.asset_previous
                    FROM unnest(?::varchar[], ?::bytea[], ?::bigint[]) WITH ORDINALITY AS l(event_id, leaf_hash, asset_previous, n)
                    ORDER BY l.n""", first, LogEntryForm.LEAF_VERSION, eventIds, hashes, previousOfAsset);
            // the round's assets, each now at its newest leaf
            jdbc.update("""
                    INSERT INTO log_asset_latest (asset_id, leaf_index)
                    SELECT * FROM unnest(?::varchar[], ?::bigint[])
                    ON CONFLICT (asset_id) DO UPDATE SET leaf_index = EXCLUDED.leaf_index""",
                    latestOfAsset.keySet().toArray(String[]::new), latestOfAsset.values().toArray(Long[]::new));
            jdbc.update("DELETE FROM log_pending WHERE event_id = ANY(?)", (Object) eventIds);
            return n;
        });
        return appended == null ? 0 : appended;
    }

    /** Every entry with a smaller log_time than this has all its predecessors in the topics recorded. */
    private long horizon() {
        long now = clock.millis();
        List<ConsumedPartitions.Position> positions = partitions.positions();
        // asked after the partitions' ends: a partition's last record in the trail at its end proves it drained
        Map<String, Recorded> lastRecorded = new HashMap<>();
        jdbc.query("""
                SELECT p.service, p.partition, t.log_time, t.kafka_offset
                FROM unnest(?::varchar[], ?::int[]) AS p(service, partition)
                CROSS JOIN LATERAL (SELECT t.log_time, t.kafka_offset FROM trail_entry t
                    WHERE t.source_service = p.service AND t.kafka_partition = p.partition
                    ORDER BY t.kafka_offset DESC LIMIT 1) t""",
                row -> {
                    lastRecorded.put(row.getString(1) + "/" + row.getInt(2), new Recorded(row.getLong(3), row.getLong(4)));
                },
                positions.stream().map(position -> TrailSource.serviceOf(position.partition().topic())).toArray(String[]::new),
                positions.stream().mapToInt(position -> position.partition().partition()).toArray());
        long horizon = Long.MAX_VALUE;
        for (ConsumedPartitions.Position position : positions) {
            Recorded last = lastRecorded.get(TrailSource.serviceOf(position.partition().topic()) + "/" + position.partition().partition());
            long partitionHorizon = last == null ? Long.MIN_VALUE : last.logTime();
            if (position.caughtUp(last == null ? null : last.offset())) {
                partitionHorizon = Math.max(partitionHorizon, now - settleMillis);
            }
            horizon = Math.min(horizon, partitionHorizon);
            if (log.isDebugEnabled()) {
                log.debug("{}: end {}, committed {}, last recorded {}, horizon {}", position.partition(), position.end(),
                        position.committed(), last, partitionHorizon);
            }
        }
        return horizon;
    }

    private Key lastKey(long size) {
        if (size == 0) {
            return null;
        }
        return jdbc.queryForObject("""
                SELECT t.log_time, t.source_service, t.kafka_partition, t.kafka_offset
                FROM log_leaf l JOIN trail_entry t ON t.event_id = l.event_id WHERE l.leaf_index = ?""",
                (row, n) -> new Key(row.getLong(1), row.getString(2), row.getInt(3), row.getLong(4)), size - 1);
    }

    /** The newest leaf of each asset among {@code entries} that the log has already: the back-link of its next leaf. */
    private Map<String, Long> latestLeaves(List<Pending> entries) {
        Map<String, Long> latest = new HashMap<>();
        String[] assets = entries.stream().map(Pending::assetId).distinct().toArray(String[]::new);
        jdbc.query("SELECT asset_id, leaf_index FROM log_asset_latest WHERE asset_id = ANY(?)",
                row -> {
                    latest.put(row.getString(1), row.getLong(2));
                }, (Object) assets);
        return latest;
    }

    private record Pending(String eventId, String assetId, String canonical, Key key) {
    }

    /** A partition's last record in the trail. */
    private record Recorded(long logTime, long offset) {
    }

    /** The log's sort key. */
    record Key(long logTime, String service, int partition, long offset) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int c = Long.compare(logTime, other.logTime);
            if (c == 0) {
                c = service.compareTo(other.service);
            }
            if (c == 0) {
                c = Integer.compare(partition, other.partition);
            }
            return c != 0 ? c : Long.compare(offset, other.offset);
        }
    }
}

package io.techex.audit.log;

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
import java.util.ArrayList;
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
 * processed (the partition's order) and, once the partition is drained (the consumer group's committed offset has
 * reached the end offset the broker reported), at least {@code now - settle}, because a record carries the time its
 * producer created it and reaches the broker within the producer's delivery timeout (10 s for the relay). Entries
 * strictly before the smallest horizon are appended, in key order.
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
 */
@Component
public class LogSequencer {

    private static final Logger log = LoggerFactory.getLogger(LogSequencer.class);
    /** Advisory lock key: "audit-sequencer". */
    private static final long LOCK = 0x6175646974_5345L;
    private static final int MAX_PER_ROUND = 5_000;

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
            sequence();
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
            List<Pending> settled = jdbc.query("""
                    SELECT t.event_id, t.asset_id, t.canonical, t.log_time, t.source_service, t.kafka_partition, t.kafka_offset
                    FROM log_pending p JOIN trail_entry t ON t.event_id = p.event_id
                    WHERE t.log_time < ?
                    ORDER BY t.log_time, t.source_service COLLATE "C", t.kafka_partition, t.kafka_offset
                    LIMIT ?""",
                    (row, n) -> new Pending(row.getString(1), row.getString(2), row.getString(3),
                            new Key(row.getLong(4), row.getString(5), row.getInt(6), row.getLong(7))),
                    horizon, MAX_PER_ROUND);
            if (settled.isEmpty()) {
                return 0;
            }
            long next = jdbc.queryForObject("SELECT coalesce(max(leaf_index) + 1, 0) FROM log_leaf", Long.class);
            Key last = lastKey(next);
            Map<String, Long> latestOfAsset = latestLeaves(settled);
            List<Object[]> leaves = new ArrayList<>();
            for (Pending entry : settled) {
                if (last != null && entry.key().compareTo(last) < 0) {
                    log.error("Event {} arrived after the log had moved past its place ({} before {}): appended at leaf {}, "
                            + "where a replay of the topics would not put it. Raise techex.audit.log.settle.",
                            entry.eventId(), entry.key(), last, next);
                }
                Long previous = latestOfAsset.get(entry.assetId());
                String leaf = LogEntryForm.leaf(entry.canonical(), previous);
                leaves.add(new Object[]{next, entry.eventId(), LogEntryForm.leafHash(leaf), LogEntryForm.LEAF_VERSION, previous});
                latestOfAsset.put(entry.assetId(), next);
                next++;
                last = entry.key();
            }
            jdbc.batchUpdate("INSERT INTO log_leaf (leaf_index, event_id, leaf_hash, leaf_version, asset_previous) "
                    + "VALUES (?, ?, ?, ?, ?)", leaves);
            jdbc.batchUpdate("DELETE FROM log_pending WHERE event_id = ?",
                    settled.stream().map(entry -> new Object[]{entry.eventId()}).toList());
            return settled.size();
        });
        return appended == null ? 0 : appended;
    }

    /** Every entry with a smaller log_time than this has all its predecessors in the topics recorded. */
    private long horizon() {
        long now = clock.millis();
        long horizon = Long.MAX_VALUE;
        for (ConsumedPartitions.Position position : partitions.positions()) {
            String service = TrailSource.serviceOf(position.partition().topic());
            List<Long> lastTime = jdbc.queryForList("""
                    SELECT log_time FROM trail_entry WHERE source_service = ? AND kafka_partition = ?
                    ORDER BY kafka_offset DESC LIMIT 1""", Long.class, service, position.partition().partition());
            long partitionHorizon = lastTime.isEmpty() ? Long.MIN_VALUE : lastTime.getFirst();
            if (position.caughtUp()) {
                partitionHorizon = Math.max(partitionHorizon, now - settleMillis);
            }
            horizon = Math.min(horizon, partitionHorizon);
            if (log.isDebugEnabled()) {
                log.debug("{}: end {}, committed {}, last log time {}, horizon {}", position.partition(), position.end(),
                        position.committed(), lastTime, partitionHorizon);
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

    /**
     * The newest leaf of each asset among {@code entries} that the log has already, whatever its format: the back-link
     * of the asset's next leaf.
     */
    private Map<String, Long> latestLeaves(List<Pending> entries) {
        Map<String, Long> latest = new HashMap<>();
        String[] assets = entries.stream().map(Pending::assetId).distinct().toArray(String[]::new);
        jdbc.query("""
                SELECT t.asset_id, max(l.leaf_index) FROM trail_entry t JOIN log_leaf l ON l.event_id = t.event_id
                WHERE t.asset_id = ANY(?) GROUP BY t.asset_id""",
                row -> {
                    latest.put(row.getString(1), row.getLong(2));
                }, (Object) assets);
        return latest;
    }

    private record Pending(String eventId, String assetId, String canonical, Key key) {
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

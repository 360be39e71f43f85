package io.techex.platform.chain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import io.techex.platform.chain.BrokenLink.Problem;

/**
 * Verifies the per-aggregate hash chain of one service's event store and names the first broken link.
 *
 * <h2>The chain</h2>
 * Every row of {@code domain_event_entry} carries {@code content_hash}, the SHA-256 of its canonical form (defined in
 * {@link EventChainHashes}), and {@code chain_hash = SHA-256(chain_hash of the aggregate's previous event || content_hash)},
 * 32 zero bytes standing in for the predecessor of sequence number 0. {@code domain_event_chain_head} keeps each
 * aggregate's last sequence number and chain hash. Events Axon publishes without an aggregate are stored by its JDBC
 * engine with the event id as aggregate id and sequence number 0: each is a chain of one, with a head of its own, so
 * deleting it is seen too.
 *
 * <h2>Why a database trigger writes the chain, and Java verifies it</h2>
 * The hashes are computed by a {@code BEFORE INSERT} trigger ({@code db/platform/V0_3__event_hash_chain.sql}), not by
 * a Java wrapper around Axon's {@code EventStorageEngine}:
 * <ul>
 *   <li>nothing that writes to the table can skip it: Axon's engine, a second engine configured some day, a bulk
 *       copy, a person in psql. A Java wrapper protects only the writes that go through it, and a row written past
 *       it (with no hashes, or wrong ones) would be indistinguishable from tampering;</li>
 *   <li>the trigger overwrites whatever hashes the writer supplies, so the application cannot forge links;</li>
 *   <li>it reads the predecessor inside the inserting transaction, under the same unique key (aggregate id,
 *       sequence number) that already serializes appenders, so concurrency needs no new locking, and Axon's 409 on
 *       a conflict is untouched; a Java wrapper would have to read the predecessor's hash in a separate query, which
 *       costs a round trip per aggregate per commit;</li>
 *   <li>the verifier stays independent: it recomputes every hash in Java from the row's columns and trusts nothing
 *       the database computes, so a changed or replaced trigger function produces rows the verifier rejects.</li>
 * </ul>
 * The price is the canonical form written twice, in SQL and in Java; every verification compares the two on every
 * row, and the tests pin NULLs, empty strings and non-ASCII text. A DBA can disable the trigger, but rows written
 * then carry no valid link and are reported.
 *
 * <h2>What it detects, and what it cannot</h2>
 * In each aggregate, in sequence order: a missing sequence number ({@link Problem#ROW_MISSING}); a row whose columns
 * no longer hash to its content hash ({@link Problem#CONTENT_CHANGED}); a chain hash that does not follow from the
 * previous link, such as a row rewritten together with its own hashes, which breaks at the next link
 * ({@link Problem#CHAIN_HASH_MISMATCH}); a head that points past the last row (events deleted at the end, or an
 * aggregate-less event deleted: {@link Problem#ROW_MISSING}) or disagrees with it. A chain kept in the same database
 * cannot prove that nobody rewrote an aggregate's whole tail and its head consistently; that needs the heads
 * anchored outside the database (the audit service's signed log holds every public event). Rows present when the
 * migration ran were chained from their content at that moment: the chain attests to the store from then on.
 *
 * <h2>How it reads</h2>
 * One read-only, repeatable-read transaction (so events committed meanwhile are either wholly in or out), one query
 * ordered by the unique index on (aggregate id, sequence number), streamed with a fetch size: O(events) time and
 * memory independent of the store's size. It stops at the first broken link.
 */
public final class EventChainVerifier {

    private static final int FETCH_SIZE = 2_000;
    private static final HexFormat HEX = HexFormat.of();

    private final String schema;

    /** @param schema the service's schema ({@code listing}, {@code bidding}, ...) holding {@code domain_event_entry} */
    public EventChainVerifier(String schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * Walks the whole store over {@code connection}, leaving the connection's auto-commit, read-only and isolation
     * settings as they were.
     */
    public ChainReport verify(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        boolean readOnly = connection.isReadOnly();
        int isolation = connection.getTransactionIsolation();
        // pgjdbc streams with a cursor only outside auto-commit; repeatable read gives both queries one snapshot
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try {
            Walk walk = new Walk();
            Optional<BrokenLink> broken = walkEvents(connection, walk);
            if (broken.isEmpty()) {
                broken = headsWithoutEvents(connection);
            }
            return new ChainReport(schema, walk.events, walk.aggregates, broken);
        } finally {
            connection.rollback();
            connection.setReadOnly(readOnly);
            connection.setTransactionIsolation(isolation);
            connection.setAutoCommit(autoCommit);
        }
    }

    private Optional<BrokenLink> walkEvents(Connection connection, Walk walk) throws SQLException {
        String table = qualified("domain_event_entry");
        String heads = qualified("domain_event_chain_head");
        String sql = """
                SELECT e.event_identifier, e.aggregate_identifier, e.sequence_number, e.type, e.time_stamp,
                       e.payload_type, e.payload_revision, e.payload, e.meta_data, e.content_hash, e.chain_hash,
                       h.sequence_number AS head_sequence, h.chain_hash AS head_chain_hash
                FROM %s e LEFT JOIN %s h ON h.aggregate_identifier = e.aggregate_identifier
                ORDER BY e.aggregate_identifier, e.sequence_number""".formatted(table, heads);
        try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(FETCH_SIZE);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String aggregate = rows.getString(2);
                    if (!aggregate.equals(walk.aggregate)) {
                        Optional<BrokenLink> broken = walk.endAggregate();
                        if (broken.isPresent()) {
                            return broken;
                        }
                        walk.startAggregate(aggregate, nullableLong(rows, 12), rows.getBytes(13));
                    }
                    Optional<BrokenLink> broken = walk.next(rows);
                    if (broken.isPresent()) {
                        return broken;
                    }
                }
            }
        }
        return walk.endAggregate();
    }

    private Optional<BrokenLink> headsWithoutEvents(Connection connection) throws SQLException {
        String sql = """
                SELECT h.aggregate_identifier, h.sequence_number FROM %s h
                WHERE NOT EXISTS (SELECT 1 FROM %s e WHERE e.aggregate_identifier = h.aggregate_identifier)
                ORDER BY h.aggregate_identifier
                LIMIT 1""".formatted(qualified("domain_event_chain_head"), qualified("domain_event_entry"));
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            long head = rows.getLong(2);
            return Optional.of(new BrokenLink(rows.getString(1), 0, null, Problem.ROW_MISSING,
                    "the chain head is at sequence " + head + " but no event of this aggregate is stored"
                            + " (sequence 0" + (head == 0 ? "" : " to " + head) + " missing)"));
        }
    }

    private String qualified(String table) {
        return '"' + schema.replace("\"", "\"\"") + "\"." + table;
    }

    private static Long nullableLong(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }

    private static String hex(byte[] value) {
        return value == null ? "NULL" : HEX.formatHex(value);
    }

    /** Where the walk is: the current aggregate, the link before the next row, and the head the aggregate should end at. */
    private static final class Walk {
        private long events;
        private long aggregates;
        private String aggregate;
        private long expectedSequence;
        private byte[] previousChainHash;
        private String lastEvent;
        private Long headSequence;
        private byte[] headChainHash;

        void startAggregate(String aggregate, Long headSequence, byte[] headChainHash) {
            this.aggregate = aggregate;
            this.aggregates++;
            this.expectedSequence = 0;
            this.previousChainHash = EventChainHashes.genesis();
            this.lastEvent = null;
            this.headSequence = headSequence;
            this.headChainHash = headChainHash;
        }

        Optional<BrokenLink> next(ResultSet row) throws SQLException {
            events++;
            String eventId = row.getString(1);
            long sequence = row.getLong(3);
            if (sequence != expectedSequence) {
                return sequence > expectedSequence
                        ? broken(expectedSequence, eventId, Problem.ROW_MISSING, "sequence "
                                + (sequence - 1 == expectedSequence ? expectedSequence
                                        : expectedSequence + " to " + (sequence - 1))
                                + " missing: the next stored event has sequence " + sequence)
                        : broken(sequence, eventId, Problem.CONTENT_CHANGED,
                                "sequence number " + sequence + " where " + expectedSequence + " should come");
            }
            byte[] storedContent = row.getBytes(10);
            byte[] storedChain = row.getBytes(11);
            byte[] content = EventChainHashes.contentHash(eventId, aggregate, sequence, row.getString(4),
                    row.getString(5), row.getString(6), row.getString(7), row.getBytes(8), row.getBytes(9));
            if (!Arrays.equals(content, storedContent)) {
                return broken(sequence, eventId, Problem.CONTENT_CHANGED, "the row's fields hash to " + hex(content)
                        + ", its stored content hash is " + hex(storedContent));
            }
            byte[] chain = EventChainHashes.link(previousChainHash, storedContent);
            if (!Arrays.equals(chain, storedChain)) {
                return broken(sequence, eventId, Problem.CHAIN_HASH_MISMATCH, "the stored chain hash "
                        + hex(storedChain) + " does not follow from "
                        + (sequence == 0 ? "the start of the chain" : "sequence " + (sequence - 1) + "'s link")
                        + " and this row's content hash: expected " + hex(chain)
                        + (sequence == 0 ? "" : " (this row or the previous one was rewritten with its hashes)"));
            }
            previousChainHash = storedChain;
            lastEvent = eventId;
            expectedSequence = sequence + 1;
            return Optional.empty();
        }

        /** The head check of the aggregate just walked; nothing before the first aggregate. */
        Optional<BrokenLink> endAggregate() {
            if (aggregate == null) {
                return Optional.empty();
            }
            long last = expectedSequence - 1;
            if (headSequence == null) {
                return broken(last, lastEvent, Problem.CHAIN_HASH_MISMATCH,
                        "the aggregate has no chain head (deleted, or these events were written past the trigger)");
            }
            if (headSequence > last) {
                return broken(last + 1, null, Problem.ROW_MISSING, "sequence "
                        + (headSequence == last + 1 ? String.valueOf(headSequence) : (last + 1) + " to " + headSequence)
                        + " missing: the chain head is at " + headSequence + ", the last stored event at " + last);
            }
            if (headSequence < last) {
                return broken(last, lastEvent, Problem.CHAIN_HASH_MISMATCH, "the chain head is at sequence "
                        + headSequence + " but events go on to " + last + " (written past the trigger, or the head"
                        + " was set back)");
            }
            if (!Arrays.equals(headChainHash, previousChainHash)) {
                return broken(last, lastEvent, Problem.CHAIN_HASH_MISMATCH, "the chain head holds "
                        + hex(headChainHash) + ", the last event's chain hash is " + hex(previousChainHash));
            }
            return Optional.empty();
        }

        private Optional<BrokenLink> broken(long sequence, String eventId, Problem problem, String detail) {
            return Optional.of(new BrokenLink(aggregate, sequence, eventId, problem, detail));
        }
    }
}

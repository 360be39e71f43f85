package io.techex.audit.log;

import io.techex.audit.api.TreeHeadSigned;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Signs tree heads of the log: on a schedule ({@code techex.audit.tree-head.interval}, when the log grew) and when a
 * regulator asks. A head is stored in {@code tree_head} and published as {@link TreeHeadSigned} in one transaction:
 * the event goes into audit-service's Axon event store, which is its outbox, and the platform's relay puts it on
 * {@code techex.audit.events} once committed. Several instances may try at once: an advisory lock lines them up,
 * and the second finds the head already signed (the table's key is the tree size).
 */
@Component
public class TreeHeads {

    /** The outcome of a request to sign: the head, and whether it is new. */
    public record Signed(TreeHead head, boolean created) {
    }

    private static final Logger log = LoggerFactory.getLogger(TreeHeads.class);
    /** Advisory lock key: "audit-treehead". */
    private static final long LOCK = 0x6175646974_5448L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LogTree tree;
    private final SigningKey key;
    private final EventGateway events;
    private final LogSequencer sequencer;
    private final Clock clock = Clock.systemUTC();
    private volatile boolean keyListed;

    TreeHeads(JdbcTemplate jdbc, PlatformTransactionManager transactions, LogTree tree, SigningKey key,
              EventGateway events, LogSequencer sequencer) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.tree = tree;
        this.key = key;
        this.events = events;
        this.sequencer = sequencer;
    }

    @Scheduled(fixedDelayString = "${techex.audit.tree-head.interval:60s}", initialDelayString = "${techex.audit.tree-head.interval:60s}")
    void scheduled() {
        try {
            if (tree.size() > latest().map(TreeHead::treeSize).orElse(0L)) {
                sign();
            }
        } catch (RuntimeException e) {
            log.warn("Signing a tree head failed, will retry at the next interval: {}", e.getMessage());
        }
    }

    /**
     * Sequences what has settled, then signs the log as it stands if it grew since the last head (or has no head
     * yet); otherwise returns the last head.
     */
    public Signed sign() {
        sequencer.sequence();
        return transactions.execute(status -> {
            jdbc.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            Optional<TreeHead> latest = latest();
            long size = jdbc.queryForObject(LogTree.LOG_END, Long.class);
            if (latest.isPresent() && latest.get().treeSize() >= size) {
                return new Signed(latest.get(), false);
            }
            byte[] root = tree.current().root(size);
            Instant timestamp = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            byte[] signature = key.sign(TreeHeadSignature.message(size, timestamp.toEpochMilli(), root));
            // again, whatever the flag says: this transaction's head needs the row, and a rollback would undo it
            insertKey();
            jdbc.update("INSERT INTO tree_head (tree_size, root_hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?)",
                    size, root, Timestamp.from(timestamp), key.keyId(), signature);
            TreeHead head = TreeHead.of(size, root, timestamp, key.keyId(), signature, key.publicKey());
            events.publish(new TreeHeadSigned(head.treeSize(), head.rootHash(), head.timestamp(), head.keyId(),
                    head.signatureAlgorithm(), head.signature(), head.publicKey()));
            return new Signed(head, true);
        });
    }

    /**
     * Lists this instance's key at {@code GET /audit/log/signing-keys} as soon as it runs, before its first head: after
     * a rotation regulators can fetch and pin the new key while the old one's heads stay listed beside it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void listKeyAtStart() {
        try {
            listKey();
        } catch (RuntimeException e) {
            log.warn("Listing the signing key {} failed, it is listed with its first tree head: {}", key.keyId(), e.getMessage());
        }
    }

    /** Makes sure the key this instance signs with is listed; every key ever listed stays (the table is append-only). */
    public void listKey() {
        if (!keyListed) {
            insertKey();
            keyListed = true;
        }
    }

    private void insertKey() {
        jdbc.update("INSERT INTO signing_key (key_id, algorithm, public_key) VALUES (?, ?, ?) ON CONFLICT (key_id) DO NOTHING",
                key.keyId(), TreeHeadSignature.ALGORITHM, key.publicKey());
    }

    public Optional<TreeHead> latest() {
        return jdbc.query(SELECT + " ORDER BY h.tree_size DESC LIMIT 1", MAPPER).stream().findFirst();
    }

    public Optional<TreeHead> ofSize(long treeSize) {
        return jdbc.query(SELECT + " WHERE h.tree_size = ?", MAPPER, treeSize).stream().findFirst();
    }

    /** The newest head signed at or before {@code instant}. */
    public Optional<TreeHead> asOf(Instant instant) {
        return jdbc.query(SELECT + " WHERE h.signed_at <= ? ORDER BY h.tree_size DESC LIMIT 1", MAPPER,
                Timestamp.from(instant)).stream().findFirst();
    }

    public List<SigningKeyView> keys() {
        return jdbc.query("SELECT key_id, algorithm, public_key, first_used_at FROM signing_key ORDER BY first_used_at, key_id",
                (row, n) -> new SigningKeyView(row.getString(1), row.getString(2),
                        java.util.Base64.getEncoder().encodeToString(row.getBytes(3)), row.getTimestamp(4).toInstant()));
    }

    /** A key that signed tree heads: {@code publicKey} is base64 X.509 SubjectPublicKeyInfo. */
    public record SigningKeyView(String keyId, String algorithm, String publicKey, Instant firstUsedAt) {
    }

    private static final String SELECT = """
            SELECT h.tree_size, h.root_hash, h.signed_at, h.key_id, h.signature, k.public_key
            FROM tree_head h JOIN signing_key k ON k.key_id = h.key_id""";
    private static final RowMapper<TreeHead> MAPPER = (row, n) -> TreeHead.of(row.getLong(1), row.getBytes(2),
            row.getTimestamp(3).toInstant(), row.getString(4), row.getBytes(5), row.getBytes(6));
}

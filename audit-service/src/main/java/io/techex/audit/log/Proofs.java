package io.techex.audit.log;

import jakarta.annotation.Nullable;
import io.techex.platform.rules.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import java.util.Base64;
import java.util.List;

/** Inclusion and consistency proofs of the log, against a tree size that the log has reached. */
@Component
public class Proofs {

    /** The audit path of one entry: hashes base64, from the leaf upwards (RFC 9162 §2.1.3.1). */
    public record InclusionProof(String eventId, long leafIndex, long treeSize, String leafHash, List<String> auditPath,
                                 String rootHash, TreeHead treeHead) {
    }

    /** PROOF(first, D[second]), RFC 9162 §2.1.4.1; the signed heads of both sizes where there are some. */
    public record ConsistencyProof(long first, long second, List<String> proof, String firstRootHash,
                                   String secondRootHash, @Nullable TreeHead firstTreeHead, @Nullable TreeHead secondTreeHead) {
    }

    private final JdbcTemplate jdbc;
    private final LogTree tree;
    private final TreeHeads heads;

    Proofs(JdbcTemplate jdbc, LogTree tree, TreeHeads heads) {
        this.jdbc = jdbc;
        this.tree = tree;
        this.heads = heads;
    }

    /** {@code treeSize} null: against the latest signed tree head. */
    public InclusionProof inclusion(String eventId, Long treeSize) {
        List<Long> index = jdbc.queryForList("SELECT leaf_index FROM log_leaf WHERE event_id = ?", Long.class, eventId);
        if (index.isEmpty()) {
            Integer recorded = jdbc.queryForObject("SELECT count(*) FROM trail_entry WHERE event_id = ?", Integer.class, eventId);
            if (recorded == 0) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No event " + eventId + " in the audit log");
            }
            throw RuleViolation.conflict("not-yet-in-log", "Event " + eventId
                    + " is recorded but has no place in the log yet; it gets one within the sequencer's settle time");
        }
        long size = treeSize == null ? latestSignedSize() : treeSize;
        return inclusion(eventId, index.getFirst(), size);
    }

    InclusionProof inclusion(String eventId, long leafIndex, long treeSize) {
        MerkleTree merkle = tree.current();
        checkSize("treeSize", treeSize, merkle);
        if (leafIndex >= treeSize) {
            throw RuleViolation.invalid("treeSize", "Event " + eventId + " is leaf " + leafIndex
                    + ", so it is only in trees of more than " + leafIndex + " leaves");
        }
        return new InclusionProof(eventId, leafIndex, treeSize, base64(merkle.leaf(leafIndex)),
                merkle.inclusionProof(leafIndex, treeSize).stream().map(Proofs::base64).toList(),
                base64(merkle.root(treeSize)), heads.ofSize(treeSize).orElse(null));
    }

    public ConsistencyProof consistency(long first, long second) {
        MerkleTree merkle = tree.current();
        checkSize("first", first, merkle);
        checkSize("second", second, merkle);
        if (first > second) {
            throw RuleViolation.invalid("first", "The first tree (" + first + ") must not be larger than the second (" + second + ")");
        }
        return new ConsistencyProof(first, second,
                merkle.consistencyProof(first, second).stream().map(Proofs::base64).toList(),
                base64(merkle.root(first)), base64(merkle.root(second)),
                heads.ofSize(first).orElse(null), heads.ofSize(second).orElse(null));
    }

    long latestSignedSize() {
        return heads.latest().map(TreeHead::treeSize).orElseThrow(() -> RuleViolation.conflict("no-tree-head",
                "No tree head has been signed yet; a regulator may ask for one with POST /audit/log/tree-heads"));
    }

    private static void checkSize(String field, long size, MerkleTree merkle) {
        if (size < 0 || size > merkle.size()) {
            throw RuleViolation.invalid(field, "must be between 0 and the log's size, " + merkle.size());
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}

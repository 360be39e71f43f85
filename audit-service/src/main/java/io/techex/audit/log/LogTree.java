package io.techex.audit.log;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * This instance's copy of the Merkle tree over {@code log_leaf}. The log only grows, so the copy is brought up to
 * date by reading the leaves it has not seen, whichever instance sequenced them; it is never invalidated.
 */
@Component
public class LogTree {

    private final JdbcTemplate jdbc;
    private final MerkleTree tree = new MerkleTree();

    LogTree(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The tree with at least every leaf committed so far. */
    public MerkleTree current() {
        synchronized (tree) {
            long from = tree.size();
            jdbc.query("SELECT leaf_index, leaf_hash FROM log_leaf WHERE leaf_index >= ? ORDER BY leaf_index",
                    row -> {
                        long index = row.getLong(1);
                        if (index != tree.size()) {
                            throw new IllegalStateException("log_leaf skips from " + tree.size() + " to " + index);
                        }
                        tree.append(row.getBytes(2));
                    }, from);
            return tree;
        }
    }

    /** The number of leaves in the log. */
    public long size() {
        return current().size();
    }
}

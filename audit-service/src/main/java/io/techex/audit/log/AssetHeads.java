package io.techex.audit.log;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Signs {@link AssetHead}s on request, with the key the log signs its tree heads with now (after a rotation, possibly
 * not the key that signed the head the statement refers to). Nothing is stored: the statement follows from the log,
 * and Ed25519 signatures are deterministic, so asking again gives the same bytes.
 */
@Component
public class AssetHeads {

    private final JdbcTemplate jdbc;
    private final SigningKey key;
    private final TreeHeads heads;

    AssetHeads(JdbcTemplate jdbc, SigningKey key, TreeHeads heads) {
        this.jdbc = jdbc;
        this.key = key;
        this.heads = heads;
    }

    /** What the log holds of {@code assetId} in the tree of {@code head}, signed. */
    public AssetHead sign(String assetId, TreeHead head) {
        long[] countAndLatest = jdbc.queryForObject("""
                SELECT count(*), coalesce(max(leaf_index), -1) FROM log_asset_leaf WHERE asset_id = ? AND leaf_index < ?""",
                (row, n) -> new long[]{row.getLong(1), row.getLong(2)}, assetId, head.treeSize());
        long count = countAndLatest[0];
        long latest = countAndLatest[1];
        byte[] root = head.rootHashBytes();
        // whoever checks the statement finds its key among the log's keys
        heads.listKey();
        byte[] signature = key.sign(AssetHeadSignature.message(assetId, head.treeSize(), root, count, latest));
        return AssetHead.of(assetId, head.treeSize(), root, count, latest < 0 ? null : latest, key.keyId(), signature,
                key.publicKey());
    }
}

package io.techex.audit.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;

/**
 * What the log's Ed25519 signature over an {@link AssetHead} covers, byte for byte (integers big-endian):
 * <pre>
 *   "techex-audit-asset-head-v1" (26 ASCII bytes) || 0x00
 *   || tree_size (8 bytes) || root_hash (32 bytes)
 *   || entry_count (8 bytes) || latest_leaf_index (8 bytes, two's complement; -1 when entry_count is 0)
 *   || length of asset_id in bytes (4 bytes) || asset_id (UTF-8)
 * </pre>
 * The label differs from the tree head's, so neither signature can stand for the other. Only the JDK is needed, so
 * the offline verifier uses this class as it is.
 */
public final class AssetHeadSignature {

    static final byte[] LABEL = "techex-audit-asset-head-v1".getBytes(StandardCharsets.US_ASCII);

    private AssetHeadSignature() {
    }

    public static byte[] message(String assetId, long treeSize, byte[] rootHash, long entryCount, long latestLeafIndex) {
        if (rootHash.length != Rfc9162.HASH_SIZE) {
            throw new IllegalArgumentException("A root hash has 32 bytes, not " + rootHash.length);
        }
        if (entryCount < 0 || (entryCount == 0) != (latestLeafIndex == -1) || latestLeafIndex >= treeSize
                || latestLeafIndex + 1 < entryCount) {
            throw new IllegalArgumentException("No tree of " + treeSize + " leaves has " + entryCount
                    + " entries of an asset, the latest at leaf " + latestLeafIndex);
        }
        byte[] asset = assetId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(LABEL.length + 1 + 8 + Rfc9162.HASH_SIZE + 8 + 8 + 4 + asset.length)
                .put(LABEL).put((byte) 0).putLong(treeSize).put(rootHash)
                .putLong(entryCount).putLong(latestLeafIndex)
                .putInt(asset.length).put(asset)
                .array();
    }

    public static boolean verify(byte[] publicKeySpki, String assetId, long treeSize, byte[] rootHash, long entryCount,
                                 long latestLeafIndex, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(TreeHeadSignature.ALGORITHM);
            verifier.initVerify(TreeHeadSignature.publicKey(publicKeySpki));
            verifier.update(message(assetId, treeSize, rootHash, entryCount, latestLeafIndex));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}

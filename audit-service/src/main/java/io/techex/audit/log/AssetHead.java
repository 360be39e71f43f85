package io.techex.audit.log;

import jakarta.annotation.Nullable;

import java.util.Base64;

/**
 * The log's signed word on one asset at one tree head: of the first {@code treeSize} leaves (root {@code rootHash}),
 * exactly {@code entryCount} are the asset's (their event's subject is {@code assetId}), the newest at
 * {@code latestLeafIndex} (null when there are none). An export carries it so that an auditor can tell the export is
 * complete: the back-links inside the leaves lead from that newest leaf to the asset's first, and a leaf left out
 * breaks the chain. It is a statement anyone holding the log can refute (a leaf of the asset after
 * {@code latestLeafIndex} with its inclusion proof), so a false one is the log's provable misbehaviour, as for the
 * tree head itself. {@code signature} covers {@link AssetHeadSignature#message}; hashes, keys and signatures are
 * base64, {@code keyId} is the hex SHA-256 of {@code publicKey}.
 */
public record AssetHead(String assetId, long treeSize, String rootHash, long entryCount, @Nullable Long latestLeafIndex,
                        String keyId, String signatureAlgorithm, String signature, String publicKey) {

    static AssetHead of(String assetId, long treeSize, byte[] rootHash, long entryCount, @Nullable Long latestLeafIndex,
                        String keyId, byte[] signature, byte[] publicKey) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new AssetHead(assetId, treeSize, base64.encodeToString(rootHash), entryCount, latestLeafIndex, keyId,
                TreeHeadSignature.ALGORITHM, base64.encodeToString(signature), base64.encodeToString(publicKey));
    }
}

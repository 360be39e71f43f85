package io.techex.audit.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * What a tree head's Ed25519 signature covers, byte for byte (all integers big-endian):
 * <pre>
 *   "techex-audit-tree-head-v1" (25 ASCII bytes) || 0x00
 *   || tree_size (8 bytes) || timestamp (8 bytes, milliseconds since 1970-01-01T00:00Z) || root_hash (32 bytes)
 * </pre>
 * The label keeps a signature over a tree head from being valid for any other message the key might sign. Only the
 * JDK is needed, so the offline verifier uses this class as it is.
 */
public final class TreeHeadSignature {

    public static final String ALGORITHM = "Ed25519";
    static final byte[] LABEL = "techex-audit-tree-head-v1".getBytes(StandardCharsets.US_ASCII);

    private TreeHeadSignature() {
    }

    public static byte[] message(long treeSize, long timestampMillis, byte[] rootHash) {
        if (rootHash.length != Rfc9162.HASH_SIZE) {
            throw new IllegalArgumentException("A root hash has 32 bytes, not " + rootHash.length);
        }
        return ByteBuffer.allocate(LABEL.length + 1 + 8 + 8 + Rfc9162.HASH_SIZE)
                .put(LABEL).put((byte) 0).putLong(treeSize).putLong(timestampMillis).put(rootHash)
                .array();
    }

    public static boolean verify(byte[] publicKeySpki, long treeSize, long timestampMillis, byte[] rootHash,
                                 byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey(publicKeySpki));
            verifier.update(message(treeSize, timestampMillis, rootHash));
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public static PublicKey publicKey(byte[] spki) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(spki));
    }

    /** The key's id: hex SHA-256 of its SubjectPublicKeyInfo, as Certificate Transparency names a log. */
    public static String keyId(byte[] publicKeySpki) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(publicKeySpki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}

package io.techex.audit.log;

import java.time.Instant;
import java.util.Base64;

/**
 * A signed tree head, as the API returns it, exports carry it and the offline verifier reads it. Hashes, keys and
 * signatures are base64; {@code signature} covers {@link TreeHeadSignature#message}.
 */
public record TreeHead(long treeSize, String rootHash, Instant timestamp, String keyId, String signatureAlgorithm,
                       String signature, String publicKey) {

    static TreeHead of(long treeSize, byte[] rootHash, Instant timestamp, String keyId, byte[] signature, byte[] publicKey) {
        Base64.Encoder base64 = Base64.getEncoder();
        return new TreeHead(treeSize, base64.encodeToString(rootHash), timestamp, keyId, TreeHeadSignature.ALGORITHM,
                base64.encodeToString(signature), base64.encodeToString(publicKey));
    }

    public byte[] rootHashBytes() {
        return Base64.getDecoder().decode(rootHash);
    }

    /** The signature is the key's, over this head; and the key is the one {@code keyId} names. */
    public boolean signatureValid() {
        try {
            byte[] key = Base64.getDecoder().decode(publicKey);
            return TreeHeadSignature.keyId(key).equals(keyId)
                    && TreeHeadSignature.verify(key, treeSize, timestamp.toEpochMilli(), rootHashBytes(),
                    Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

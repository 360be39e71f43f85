package io.techex.audit.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * audit-service signed a tree head of the exchange-wide log: from now on it has committed to the first
 * {@code treeSize} leaves having the root {@code rootHash}. Anyone who keeps these events can later demand a
 * consistency proof between any two of them and so catch a log that rewrote its past.
 *
 * @param treeSize           leaves covered
 * @param rootHash           RFC 9162 Merkle tree hash of those leaves, base64
 * @param timestamp          when it was signed (millisecond precision, UTC)
 * @param keyId              hex SHA-256 of {@code publicKey}
 * @param signatureAlgorithm {@code Ed25519}
 * @param signature          base64 Ed25519 signature of {@code TreeHeadSignature.message}
 * @param publicKey          base64 X.509 SubjectPublicKeyInfo (DER) of the signing key
 */
@EventType(name = "io.techex.audit.TreeHeadSigned", version = 1)
public record TreeHeadSigned(long treeSize, String rootHash, Instant timestamp, String keyId, String signatureAlgorithm,
                             String signature, String publicKey) implements PublicEvent {

    /** The subject and Kafka key of every tree head: the one log, so all heads share a partition and stay in order. */
    public static final String LOG_ID = "techex-audit-log";

    @Override
    public String assetId() {
        return LOG_ID;
    }
}

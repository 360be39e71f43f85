package io.techex.platform.chain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of the event chain, in Java: the same definitions as {@code db/platform/V0_3__event_hash_chain.sql}
 * writes with, implemented again here so that verification does not take the database's word for them.
 *
 * <p>Canonical form, version 1: the fields event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
 * payload_type, payload_revision, payload, meta_data, in this order; the sequence number as 8 bytes big-endian, every
 * other field as a 4-byte big-endian length followed by its bytes (text in UTF-8), or as length -1 (FF FF FF FF)
 * when NULL. The length prefixes make the encoding prefix-free, so two different rows never share one.
 * <ul>
 *   <li>{@code content_hash = SHA-256(canonical form)}</li>
 *   <li>{@code chain_hash = SHA-256(previous chain_hash of the aggregate || content_hash)}, with 32 zero bytes as
 *       the previous chain hash of sequence number 0</li>
 * </ul>
 */
public final class EventChainHashes {

    /** Length of every hash in the chain. */
    public static final int HASH_LENGTH = 32;

    private static final byte[] GENESIS = new byte[HASH_LENGTH];
    private static final int NULL_LENGTH = -1;

    private EventChainHashes() {
    }

    /** What sequence number 0 is chained to. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    /** SHA-256 of the canonical form of one row of {@code domain_event_entry}. */
    public static byte[] contentHash(String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                                     String type, String timeStamp, String payloadType, String payloadRevision,
                                     byte[] payload, byte[] metaData) {
        return sha256().digest(canonicalForm(eventIdentifier, aggregateIdentifier, sequenceNumber, type, timeStamp,
                payloadType, payloadRevision, payload, metaData));
    }

    /** The canonical form of one row of {@code domain_event_entry} (version 1, see the class comment). */
    public static byte[] canonicalForm(String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                                       String type, String timeStamp, String payloadType, String payloadRevision,
                                       byte[] payload, byte[] metaData) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + length(payload) + length(metaData));
        field(out, text(eventIdentifier));
        field(out, text(aggregateIdentifier));
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(sequenceNumber).array());
        field(out, text(type));
        field(out, text(timeStamp));
        field(out, text(payloadType));
        field(out, text(payloadRevision));
        field(out, payload);
        field(out, metaData);
        return out.toByteArray();
    }

    /** SHA-256(previous chain hash || content hash). */
    public static byte[] link(byte[] previousChainHash, byte[] contentHash) {
        MessageDigest digest = sha256();
        digest.update(previousChainHash);
        digest.update(contentHash);
        return digest.digest();
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? NULL_LENGTH : value.length).array());
        if (value != null) {
            out.writeBytes(value);
        }
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

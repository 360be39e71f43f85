package io.techex.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * What a leaf of the exchange-wide log holds, byte for byte ({@code audit-service/LOG.md} says the same for
 * verifiers who do not read Java).
 * <p>
 * <b>The event form</b> ({@link #canonical}): one CloudEvent as the CloudEvents JSON event format writes it (the
 * context attributes {@code specversion, id, source, type, subject, time, datacontenttype, dataschema}, every extension
 * as a top-level member but the distributed-tracing ones, and the JSON data under {@code data}), in
 * {@link CanonicalJson canonical form}, UTF-8. It is a
 * function of the event's content only: neither the Kafka topic, partition or offset nor the moment audit received it
 * take part. {@code time} is written as an ISO-8601 UTC instant; absent attributes are left out.
 * <p>
 * <b>Leaf format 2</b> ({@link #leaf}, every leaf appended since back-links exist): the canonical form of
 * <pre>{"assetPrevious": &lt;leaf index of the previous leaf with the same subject, or null&gt;,
 *  "event": &lt;the event form&gt;, "leafVersion": 2}</pre>
 * The back-link is inside the leaf, so the Merkle tree and every signed tree head cover it: an export that leaves out
 * one of an asset's entries breaks the chain of the entry after it. {@code assetPrevious} depends only on the log's
 * order, so a replay of the topics rebuilds the same leaves.
 * <p>
 * <b>Leaf format 1</b> (leaves appended before back-links existed, kept as they are): the event form alone. A leaf is
 * format 2 exactly when its top level has a {@code leafVersion} member, which no CloudEvent can have (attribute names
 * are lower-case letters and digits), so the two never pass for each other.
 * <p>
 * The Merkle leaf hash of either is {@code SHA-256(0x00 || the leaf's bytes)}.
 */
public final class LogEntryForm {

    /** The format of the leaves the log appends now. */
    public static final int LEAF_VERSION = 2;

    /** The CloudEvents distributed-tracing extension: about the delivery, not the event. */
    private static final Set<String> TRACE_CONTEXT = Set.of("traceparent", "tracestate");

    private LogEntryForm() {
    }

    /** The event form of a CloudEvent whose data is {@code data}. */
    public static String canonical(CloudEvent event, JsonNode data) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("specversion", event.getSpecVersion().toString());
        json.put("id", event.getId());
        json.put("source", event.getSource().toString());
        json.put("type", event.getType());
        if (event.getSubject() != null) {
            json.put("subject", event.getSubject());
        }
        if (event.getTime() != null) {
            json.put("time", event.getTime().toInstant().toString());
        }
        if (event.getDataContentType() != null) {
            json.put("datacontenttype", event.getDataContentType());
        }
        if (event.getDataSchema() != null) {
            json.put("dataschema", event.getDataSchema().toString());
        }
        for (String name : event.getExtensionNames()) {
            if (TRACE_CONTEXT.contains(name)) {
                // the trace a record was published in, new each time the relay publishes the event again
                continue;
            }
            Object value = event.getExtension(name);
            switch (value) {
                case Number number -> json.put(name, new BigDecimal(number.toString()));
                case Boolean bool -> json.put(name, bool);
                default -> json.put(name, String.valueOf(value));
            }
        }
        json.set("data", data);
        return CanonicalJson.write(json);
    }

    /**
     * A format 2 leaf: the event form (already canonical) with its asset's back-link. The members are written in
     * RFC 8785's order ({@code assetPrevious < event < leafVersion}), so this is the canonical form of the envelope.
     */
    public static String leaf(String canonicalEvent, Long assetPrevious) {
        if (assetPrevious != null && assetPrevious < 0) {
            throw new IllegalArgumentException("A leaf index is not negative: " + assetPrevious);
        }
        return "{\"assetPrevious\":" + (assetPrevious == null ? "null" : assetPrevious.toString())
                + ",\"event\":" + canonicalEvent + ",\"leafVersion\":" + LEAF_VERSION + "}";
    }

    /** The leaf of format {@code version} for an entry whose event form is {@code canonicalEvent}. */
    public static String leaf(int version, String canonicalEvent, Long assetPrevious) {
        return switch (version) {
            case 1 -> canonicalEvent;
            case 2 -> leaf(canonicalEvent, assetPrevious);
            default -> throw new IllegalArgumentException("No leaf format " + version);
        };
    }

    public static byte[] leafHash(String leaf) {
        return Rfc9162.leafHash(leaf.getBytes(StandardCharsets.UTF_8));
    }
}

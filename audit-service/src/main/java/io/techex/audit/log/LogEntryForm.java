package io.techex.audit.log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The leaf of the exchange-wide log: one CloudEvent as the CloudEvents JSON event format writes it (the context
 * attributes {@code specversion, id, source, type, subject, time, datacontenttype, dataschema}, every extension as a
 * top-level member, and the JSON data under {@code data}), in {@link CanonicalJson canonical form}, UTF-8. Its
 * Merkle leaf hash is {@code SHA-256(0x00 || those bytes)}.
 * <p>
 * It is a function of the event's content only: neither the Kafka topic, partition or offset nor the moment audit
 * received it take part, so re-reading the topics rebuilds the same leaves, and an auditor can recompute a leaf from
 * an exported entry. {@code time} is written as an ISO-8601 UTC instant; absent attributes are left out.
 */
public final class LogEntryForm {

    private LogEntryForm() {
    }

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

    public static byte[] leafHash(String canonical) {
        return Rfc9162.leafHash(canonical.getBytes(StandardCharsets.UTF_8));
    }
}

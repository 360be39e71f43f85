package io.techex.platform.consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cloudevents.CloudEvent;
import io.cloudevents.SpecVersion;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.data.BytesCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.rw.CloudEventWriter;
import io.techex.contracts.EventJson;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The CloudEvents Kafka deserializer, with one shortcut for structured JSON records whose data is JSON: their data is
 * kept as the bytes the record holds.
 * <p>
 * The SDK reads a structured record into a whole JSON tree, data included, and keeps the data as that tree; the data's
 * bytes, when asked for ({@link InboundEvent#from}), are the tree printed again. So every record was parsed into a
 * tree, printed, and parsed once more, even by a consumer that looks only at the type and drops the event (most of a
 * listing's events, for bidding-service and contract-service): while the relay drained a backlog of listings, their
 * three consumers allocated more than the relay itself (JFR, infra/bench). Here the envelope's attributes are read as
 * the SDK reads them, the data is stepped over and kept as its bytes, and whoever wants it parses it once.
 * <p>
 * Anything else (binary mode, {@code data_base64}, data that is not JSON, an extension that is an object or null, JSON
 * the parser refuses, a spec version other than 1.0) goes through the SDK as before, so records the shortcut does not
 * take are read, or refused, exactly as they were.
 */
public class StructuredCloudEventDeserializer extends CloudEventDeserializer {

    private static final String CONTENT_TYPE_HEADER = "content-type";
    private static final byte[] STRUCTURED_JSON = JsonFormat.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
    private static final String JSON_DATA = "application/json";

    private final JsonFactory json = EventJson.mapper().getFactory();
    private boolean shortcut = true;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        super.configure(configs, isKey);
        // a configured data mapper is the SDK's to apply
        shortcut = configs.get(MAPPER_CONFIG) == null;
    }

    @Override
    public CloudEvent deserialize(String topic, Headers headers, byte[] data) {
        if (shortcut && data != null && structuredJson(headers)) {
            CloudEvent event = read(data);
            if (event != null) {
                return event;
            }
        }
        return super.deserialize(topic, headers, data);
    }

    private static boolean structuredJson(Headers headers) {
        Header contentType = headers.lastHeader(CONTENT_TYPE_HEADER);
        return contentType != null && Arrays.equals(contentType.value(), STRUCTURED_JSON);
    }

    /** The event, or null if the record is not one this reads (the SDK then reads it, or says why it cannot). */
    CloudEvent read(byte[] record) {
        try (JsonParser parser = json.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String specVersion = null;
            String contentType = null;
            int dataStart = -1;
            int dataEnd = -1;
            CloudEventWriter<CloudEvent> event = CloudEventBuilder.fromSpecVersion(SpecVersion.V1);
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (name) {
                    // a string, as the SDK requires: 1.0 as a JSON number is the SDK's to refuse
                    case "specversion" -> specVersion = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "data" -> {
                        if (value != JsonToken.START_OBJECT && value != JsonToken.START_ARRAY) {
                            return null;
                        }
                        dataStart = (int) parser.currentTokenLocation().getByteOffset();
                        parser.skipChildren();
                        dataEnd = (int) parser.currentLocation().getByteOffset();
                    }
                    case "data_base64", "datacontentencoding" -> {
                        return null;
                    }
                    default -> {
                        switch (value) {
                            case VALUE_STRING -> {
                                if (name.equals("datacontenttype")) {
                                    contentType = parser.getText();
                                }
                                event.withContextAttribute(name, parser.getText());
                            }
                            // as the SDK reads extensions: numbers as the JSON tree's number values, booleans as such
                            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                                if (isContextAttribute(name)) {
                                    return null;
                                }
                                event.withContextAttribute(name, parser.getNumberValue());
                            }
                            case VALUE_TRUE, VALUE_FALSE -> {
                                if (isContextAttribute(name)) {
                                    return null;
                                }
                                event.withContextAttribute(name, parser.getBooleanValue());
                            }
                            default -> {
                                return null;
                            }
                        }
                    }
                }
            }
            if (token != JsonToken.END_OBJECT || !"1.0".equals(specVersion)) {
                return null;
            }
            if (dataStart < 0) {
                return event.end();
            }
            if (!JSON_DATA.equals(contentType)) {
                return null;
            }
            return event.end(BytesCloudEventData.wrap(Arrays.copyOfRange(record, dataStart, dataEnd)));
        } catch (IOException | RuntimeException e) {
            // malformed JSON or a missing or unreadable attribute: the SDK's answer is the one consumers have always had
            return null;
        }
    }

    private static boolean isContextAttribute(String name) {
        return SpecVersion.V1.getAllAttributes().contains(name);
    }
}

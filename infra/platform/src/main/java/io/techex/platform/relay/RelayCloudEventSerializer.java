package io.techex.platform.relay;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.CloudEventUtils;
import io.cloudevents.core.data.PojoCloudEventData;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.cloudevents.rw.CloudEventContextWriter;
import io.cloudevents.rw.CloudEventRWException;
import io.techex.contracts.EventJson;
import io.techex.contracts.PublicEvent;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The CloudEvents Kafka serializer, with one shortcut for the relay's own events.
 * <p>
 * In structured JSON mode the SDK writes an event's data by asking it for its bytes and, for JSON data, copying them
 * into the envelope through a {@code String} and a {@code char[]}; so the relay's event was written to JSON once, then
 * decoded and encoded again, and a regular expression checked the content type of each one. When the data is a
 * {@link PublicEvent} wrapped as {@link PojoCloudEventData} (what {@link CloudEventMapper} makes), this writes the
 * envelope and the event in one pass instead, with the same attributes in the same order and the event as
 * {@link EventJson} writes it: the same bytes as the SDK's. Every other event goes through the SDK as before.
 */
public class RelayCloudEventSerializer extends CloudEventSerializer {

    private static final byte[] STRUCTURED_JSON = JsonFormat.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
    private static final String CONTENT_TYPE_HEADER = "content-type";

    private final ObjectMapper json = EventJson.mapper();
    private boolean structuredJson;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        super.configure(configs, isKey);
        Object encoding = configs.get(ENCODING_CONFIG);
        Object format = configs.get(EVENT_FORMAT_CONFIG);
        structuredJson = (encoding == Encoding.STRUCTURED || Encoding.STRUCTURED.name().equals(encoding))
                && (JsonFormat.CONTENT_TYPE.equals(format) || format instanceof JsonFormat);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, CloudEvent event) {
        if (structuredJson && event.getData() instanceof PojoCloudEventData<?> data
                && data.getValue() instanceof PublicEvent publicEvent
                && "application/json".equals(event.getDataContentType())) {
            byte[] bytes = envelope(event, publicEvent);
            headers.add(CONTENT_TYPE_HEADER, STRUCTURED_JSON);
            return bytes;
        }
        return super.serialize(topic, headers, event);
    }

    /** Into a recycled buffer, as {@code ObjectMapper.writeValueAsBytes} does. */
    private byte[] envelope(CloudEvent event, PublicEvent data) {
        BufferRecycler recycler = json.getFactory()._getBufferRecycler();
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
            try (JsonGenerator generator = json.createGenerator(bytes, JsonEncoding.UTF8)) {
                generator.writeStartObject();
                generator.writeStringField("specversion", event.getSpecVersion().toString());
                CloudEventUtils.toContextReader(event).readContext(new Attributes(generator));
                generator.writeFieldName("data");
                json.writeValue(generator, data);
                generator.writeEndObject();
            }
            byte[] written = bytes.toByteArray();
            bytes.release();
            return written;
        } catch (IOException | UncheckedIOException | CloudEventRWException e) {
            throw new SerializationException("Cannot write " + data.getClass().getSimpleName() + " as a CloudEvent", e);
        } finally {
            recycler.releaseToPool();
        }
    }

    /** Attributes and extensions as the SDK's Jackson serializer writes them: only whole ints become JSON numbers. */
    private record Attributes(JsonGenerator generator) implements CloudEventContextWriter {

        @Override
        public CloudEventContextWriter withContextAttribute(String name, String value) {
            try {
                generator.writeStringField(name, value);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public CloudEventContextWriter withContextAttribute(String name, Number value) {
            return value instanceof Integer whole ? withContextAttribute(name, whole) : withContextAttribute(name, value.toString());
        }

        @Override
        public CloudEventContextWriter withContextAttribute(String name, Integer value) {
            try {
                generator.writeNumberField(name, value);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public CloudEventContextWriter withContextAttribute(String name, Boolean value) {
            try {
                generator.writeBooleanField(name, value);
                return this;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

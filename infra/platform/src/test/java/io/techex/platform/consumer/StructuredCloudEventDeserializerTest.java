package io.techex.platform.consumer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.data.BytesCloudEventData;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.techex.contracts.EventJson;
import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;
import io.techex.platform.actor.Actor;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.platform.relay.RelayCloudEventSerializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Records read with the data kept as its bytes are the events the SDK reads from them, attribute for attribute, with the
 * same data; every record the shortcut does not take reads, or fails, as the SDK has it.
 */
class StructuredCloudEventDeserializerTest {

    @EventType(name = "io.techex.consumertest.PriceNoted", version = 1)
    record PriceNoted(String assetId, BigDecimal price, Instant at, Map<String, String> title, List<String> tags)
            implements PublicEvent {
    }

    private static final Map<String, Object> STRUCTURED = Map.of(
            CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED,
            CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);

    @Test
    void aRelayedRecordReadsAsTheSdkReadsItWithItsDataAsTheRecordHoldsIt() throws Exception {
        PriceNoted event = new PriceNoted("asset-1", new BigDecimal("1250000.50"),
                Instant.parse("2026-03-01T08:15:30.123456Z"),
                Map.of("vi", "Cảm biến đo độ mặn", "en", "A \"salinity\" sensor \\ {not} [json]"),
                List.of("nước", "đo", ""));
        MetaData metaData = MetaData.from(new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY).asMetaData());
        CloudEvent relayed = new CloudEventMapper("consumertest-service").toCloudEvent(event,
                new GenericDomainEventMessage<>("Listing", "asset-1", 7, event, metaData, "event-7",
                        Instant.parse("2026-03-01T08:15:31.5Z")),
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        Headers headers = new RecordHeaders();
        RelayCloudEventSerializer serializer = new RelayCloudEventSerializer();
        serializer.configure(STRUCTURED, false);
        byte[] record = serializer.serialize("topic", headers, relayed);

        CloudEvent read = shortcut().deserialize("topic", headers, record);

        assertThat(read.getData()).isInstanceOf(BytesCloudEventData.class);
        String text = new String(record, StandardCharsets.UTF_8);
        String data = new String(read.getData().toBytes(), StandardCharsets.UTF_8);
        assertThat(text).contains("\"data\":" + data + "}");
        assertThat(data).startsWith("{").endsWith("}").contains("Cảm biến", "1250000.50");
        assertThat(EventJson.mapper().readValue(read.getData().toBytes(), PriceNoted.class)).isEqualTo(event);
        assertSameEvent(read, sdk().deserialize("topic", headers, record));
        assertThat(read.getExtension(CloudEventMapper.AGGREGATE_SEQUENCE)).isEqualTo("7");
        assertThat(read.getExtension(CloudEventMapper.ACTOR_ROLE)).isEqualTo("UNIVERSITY");
    }

    @Test
    void attributesAndExtensionsOfEveryKindReadAsTheSdkReadsThem() {
        CloudEvent event = CloudEventBuilder.v1()
                .withId("e-1")
                .withSource(URI.create("/techex/elsewhere"))
                .withType("io.techex.consumertest.Anything.v1")
                .withSubject("asset-9")
                .withTime(OffsetDateTime.parse("2026-12-07T23:01:02.000000123+07:00"))
                .withDataSchema(URI.create("https://techex.io/contracts/x.schema.json"))
                .withDataContentType("application/json")
                .withExtension("count", 42)
                .withExtension("big", 12345678901L)
                .withExtension("flag", true)
                .withExtension("label", "nhãn")
                .withData("[1, 2.5, {\"a\": [null, true, \"x\\\"y\"]}]".getBytes(StandardCharsets.UTF_8))
                .build();
        Headers headers = new RecordHeaders();
        byte[] record = sdkSerializer().serialize("topic", headers, event);

        CloudEvent read = shortcut().deserialize("topic", headers, record);

        assertThat(read.getData()).isInstanceOf(BytesCloudEventData.class);
        assertSameEvent(read, sdk().deserialize("topic", headers, record));
        assertThat(read.getExtension("count")).isEqualTo(42);
        // the SDK writes only whole ints as JSON numbers
        assertThat(read.getExtension("big")).isEqualTo("12345678901");
        assertThat(read.getExtension("flag")).isEqualTo(true);
    }

    @Test
    void anEventWithoutDataReadsWithout() {
        CloudEvent event = CloudEventBuilder.v1().withId("e-2").withSource(URI.create("/s")).withType("t").build();
        Headers headers = new RecordHeaders();
        byte[] record = sdkSerializer().serialize("topic", headers, event);

        CloudEvent read = shortcut().deserialize("topic", headers, record);

        assertThat(read.getData()).isNull();
        assertSameEvent(read, sdk().deserialize("topic", headers, record));
    }

    @Test
    void recordsTheShortcutDoesNotTakeAreTheSdks() {
        StructuredCloudEventDeserializer shortcut = shortcut();
        for (String json : List.of(
                // data that is not JSON, as text and as base64
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"datacontenttype\":\"text/plain\",\"data\":\"hello\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data_base64\":\"aGVsbG8=\"}",
                // JSON data that is a string or null, an extension that is an object, no content type
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"datacontenttype\":\"application/json\",\"data\":\"x\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"datacontenttype\":\"application/json\",\"data\":null}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"ext\":{\"a\":1},\"data\":{}}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":{\"a\":1}}",
                // another spec version
                "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"datacontenttype\":\"application/json\",\"data\":{}}")) {
            byte[] record = json.getBytes(StandardCharsets.UTF_8);
            assertThat(shortcut.read(record)).as(json).isNull();
            Headers headers = structuredHeaders();
            assertSameEvent(shortcut.deserialize("topic", headers, record), sdk().deserialize("topic", headers, record));
        }
    }

    @Test
    void recordsTheSdkRefusesAreRefusedAsItRefusesThem() {
        for (String json : List.of(
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"datacontenttype\":\"application/json\",\"data\":{}}",
                "{\"specversion\":\"1.0\",\"id\":1,\"source\":\"/s\",\"type\":\"t\"}",
                "{\"specversion\":1.0,\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"time\":\"yesterday\"}",
                "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/s\",\"type\":\"t\",\"data\":{\"a\":",
                "not json at all")) {
            byte[] record = json.getBytes(StandardCharsets.UTF_8);
            assertThat(shortcut().read(record)).as(json).isNull();
            Throwable sdkFailure = catchThrowable(() -> sdk().deserialize("topic", structuredHeaders(), record));
            assertThat(sdkFailure).as(json).isNotNull();
            assertThatThrownBy(() -> shortcut().deserialize("topic", structuredHeaders(), record))
                    .as(json).isInstanceOf(sdkFailure.getClass()).hasMessage(sdkFailure.getMessage());
        }
    }

    @Test
    void aBinaryModeRecordIsTheSdks() {
        CloudEvent event = CloudEventBuilder.v1().withId("e-3").withSource(URI.create("/s")).withType("t")
                .withDataContentType("application/json").withData("{\"a\":1}".getBytes(StandardCharsets.UTF_8)).build();
        CloudEventSerializer binary = new CloudEventSerializer();
        binary.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY), false);
        Headers headers = new RecordHeaders();
        byte[] record = binary.serialize("topic", headers, event);

        assertSameEvent(shortcut().deserialize("topic", headers, record), sdk().deserialize("topic", headers, record));
    }

    private static void assertSameEvent(CloudEvent read, CloudEvent sdk) {
        assertThat(read.getSpecVersion()).isEqualTo(sdk.getSpecVersion());
        for (String attribute : sdk.getAttributeNames()) {
            assertThat(read.getAttribute(attribute)).as(attribute).isEqualTo(sdk.getAttribute(attribute));
        }
        assertThat(read.getAttributeNames()).containsExactlyInAnyOrderElementsOf(sdk.getAttributeNames());
        assertThat(read.getExtensionNames()).containsExactlyInAnyOrderElementsOf(sdk.getExtensionNames());
        for (String extension : sdk.getExtensionNames()) {
            assertThat(read.getExtension(extension)).as(extension).isEqualTo(sdk.getExtension(extension));
        }
        if (sdk.getData() == null) {
            assertThat(read.getData()).isNull();
        } else {
            try {
                assertThat(EventJson.mapper().readTree(read.getData().toBytes()))
                        .isEqualTo(EventJson.mapper().readTree(sdk.getData().toBytes()));
            } catch (java.io.IOException e) {
                // data that is not JSON (text, base64): byte for byte
                assertThat(read.getData().toBytes()).isEqualTo(sdk.getData().toBytes());
            }
        }
    }

    private static Headers structuredHeaders() {
        Headers headers = new RecordHeaders();
        headers.add("content-type", JsonFormat.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private static StructuredCloudEventDeserializer shortcut() {
        StructuredCloudEventDeserializer deserializer = new StructuredCloudEventDeserializer();
        deserializer.configure(Map.of(), false);
        return deserializer;
    }

    private static CloudEventDeserializer sdk() {
        CloudEventDeserializer deserializer = new CloudEventDeserializer();
        deserializer.configure(Map.of(), false);
        return deserializer;
    }

    private static CloudEventSerializer sdkSerializer() {
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(STRUCTURED, false);
        return serializer;
    }
}

package io.techex.platform.relay;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import io.techex.contracts.EventJson;
import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;
import io.techex.platform.actor.Actor;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay's records are the bytes the CloudEvents SDK would write for the same event with its data as
 * {@link EventJson} bytes, header included; and any other CloudEvent sent through the producer is left to the SDK.
 */
class RelayCloudEventSerializerTest {

    @EventType(name = "io.techex.relaytest.PriceNoted", version = 2)
    record PriceNoted(String assetId, BigDecimal price, Instant at, Map<String, String> title, List<String> tags,
                      String note) implements PublicEvent {
    }

    private static final Map<String, Object> CONFIG = Map.of(
            CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED,
            CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE);

    private final CloudEventMapper mapper = new CloudEventMapper("relaytest-service");

    @Test
    void aRelayedEventIsWrittenAsTheSdkWritesItsJson() throws Exception {
        // no note (null), so EventJson's leaving out nulls shows; Vietnamese text and a decimal that must stay exact
        PriceNoted event = new PriceNoted("asset-1", new BigDecimal("1250000.50"), Instant.parse("2026-03-01T08:15:30.123456Z"),
                Map.of("vi", "Cảm biến đo độ mặn", "en", "A \"salinity\" sensor"), List.of("nước", "đo"), null);
        MetaData metaData = MetaData.from(new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY).asMetaData());
        CloudEvent relayed = mapper.toCloudEvent(event, new GenericDomainEventMessage<>("Listing", "asset-1", 7, event,
                metaData, "event-7", Instant.parse("2026-03-01T08:15:31.5Z")));

        Headers fastHeaders = new RecordHeaders();
        byte[] fast = serializer().serialize("topic", fastHeaders, relayed);
        Headers sdkHeaders = new RecordHeaders();
        byte[] sdk = sdk().serialize("topic", sdkHeaders,
                CloudEventBuilder.v1(relayed).withData(EventJson.mapper().writeValueAsBytes(event)).build());

        assertThat(new String(fast, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(new String(sdk, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(fast).isEqualTo(sdk);
        assertThat(fastHeaders.toArray()).isEqualTo(sdkHeaders.toArray());
        assertThat(new String(fast, java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"aggregateseq\":\"7\"", "\"actororg\":\"hust\"", "\"price\":1250000.50", "Cảm biến")
                .doesNotContain("note");
    }

    @Test
    void anEventWithoutAnAggregateOrActorIsWrittenAsTheSdkWritesItToo() throws Exception {
        PriceNoted event = new PriceNoted("asset-2", BigDecimal.ONE, Instant.EPOCH, Map.of(), List.of(), "n");
        CloudEvent relayed = mapper.toCloudEvent(event, GenericEventMessage.asEventMessage(event));

        byte[] fast = serializer().serialize("topic", new RecordHeaders(), relayed);
        byte[] sdk = sdk().serialize("topic", new RecordHeaders(),
                CloudEventBuilder.v1(relayed).withData(EventJson.mapper().writeValueAsBytes(event)).build());

        assertThat(fast).isEqualTo(sdk);
    }

    @Test
    void anyOtherCloudEventGoesThroughTheSdk() {
        CloudEvent other = CloudEventBuilder.v1().withId("dlt-1").withSource(URI.create("/somewhere")).withType("t.v1")
                .withDataContentType("text/plain").withData("not JSON at all".getBytes()).withExtension("count", 3)
                .build();

        Headers otherHeaders = new RecordHeaders();
        byte[] viaRelay = serializer().serialize("topic", otherHeaders, other);
        Headers sdkHeaders = new RecordHeaders();

        assertThat(viaRelay).isEqualTo(sdk().serialize("topic", sdkHeaders, other));
        assertThat(otherHeaders.toArray()).isEqualTo(sdkHeaders.toArray());
    }

    private static RelayCloudEventSerializer serializer() {
        RelayCloudEventSerializer serializer = new RelayCloudEventSerializer();
        serializer.configure(CONFIG, false);
        return serializer;
    }

    private static CloudEventSerializer sdk() {
        CloudEventSerializer serializer = new CloudEventSerializer();
        serializer.configure(CONFIG, false);
        return serializer;
    }
}

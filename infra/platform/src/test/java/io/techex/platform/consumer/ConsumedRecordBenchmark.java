package io.techex.platform.consumer;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;
import io.techex.platform.actor.Actor;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.platform.relay.RelayCloudEventSerializer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a consumer spends on one relayed record of a listing's size (about 1.4 KB), the SDK's deserializer against
 * {@link StructuredCloudEventDeserializer}, in turn, twice each: CPU and bytes allocated by the reading thread per
 * record, for a consumer that drops the event by its type and for one that reads it ({@link InboundEvent#from}). Not a
 * test of speed (it asserts only that both read the same event): run it on its own,
 * {@code ./mvnw -q -pl infra/platform verify -Dtest=ConsumedRecordBenchmark -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dconsumed.records=200000}), and read what it prints.
 */
class ConsumedRecordBenchmark {

    @EventType(name = "io.techex.consumertest.TechnologyDescribed", version = 1)
    record TechnologyDescribed(String assetId, String sellerOrganisationId, Map<String, String> title,
                               Map<String, String> summary, List<String> ipcClasses, List<String> keywords,
                               BigDecimal price, Instant at, int readinessLevel) implements PublicEvent {
    }

    private static final int RECORDS = Integer.getInteger("consumed.records", 100_000);

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void aRecordReadWithItsDataAsBytesAgainstTheSdksTree() {
        byte[] record;
        Headers headers = new RecordHeaders();
        TechnologyDescribed event = new TechnologyDescribed("b7c1e3a2-5f0d-4c55-9d3e-8a1f2b3c4d5e", "hust",
                Map.of("vi", "Cảm biến sinh học đo độ mặn của nước ven biển bằng vi khuẩn phát quang",
                        "en", "A biosensor for coastal water salinity using luminescent bacteria"),
                Map.of("vi", "Thiết bị cầm tay dùng chủng vi khuẩn biến đổi gen, cho kết quả trong năm phút, "
                                + "không cần phòng thí nghiệm; đã thử nghiệm tại ba tỉnh đồng bằng sông Cửu Long.",
                        "en", "A handheld device using an engineered bacterial strain, giving a result in five "
                                + "minutes without a laboratory; field-tested in three Mekong Delta provinces."),
                List.of("G01N 33/18", "C12Q 1/02", "G01N 21/76"), List.of("salinity", "biosensor", "nước mặn", "Mekong"),
                new BigDecimal("1250000000"), Instant.parse("2026-12-07T23:30:00.123456Z"), 6);
        CloudEvent relayed = new CloudEventMapper("listing-service").toCloudEvent(event,
                new GenericDomainEventMessage<>("Listing", event.assetId(), 3, event,
                        MetaData.from(new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY).asMetaData()),
                        "3f1d2c4b-0a9e-4f7d-8c6b-5a4e3d2c1b0a", event.at()),
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        try (RelayCloudEventSerializer serializer = new RelayCloudEventSerializer()) {
            serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, Encoding.STRUCTURED,
                    CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE), false);
            record = serializer.serialize("topic", headers, relayed);
        }
        Deserializer<CloudEvent> sdk = new CloudEventDeserializer();
        sdk.configure(Map.of(), false);
        Deserializer<CloudEvent> shortcut = new StructuredCloudEventDeserializer();
        shortcut.configure(Map.of(), false);
        assertThat(InboundEvent.from(shortcut.deserialize("topic", headers, record)))
                .isEqualTo(InboundEvent.from(sdk.deserialize("topic", headers, record)));

        System.out.printf("ConsumedRecordBenchmark: %d records of %d bytes a pass, each pass after one unmeasured%n",
                RECORDS, record.length);
        for (int round = 1; round <= 2; round++) {
            for (boolean read : new boolean[] {false, true}) {
                for (var deserializer : List.of(Map.entry("SDK", sdk), Map.entry("data as bytes", shortcut))) {
                    measure(deserializer.getValue(), headers, record, read);
                    Pass pass = measure(deserializer.getValue(), headers, record, read);
                    System.out.printf("  round %d, %-30s %-14s %6.2f µs CPU, %6.0f bytes allocated a record%n", round,
                            read ? "read (InboundEvent.from)" : "dropped by its type", deserializer.getKey(),
                            pass.cpuNanos() / 1_000.0 / RECORDS, pass.allocated() / (double) RECORDS);
                }
            }
        }
    }

    private record Pass(long cpuNanos, long allocated) {
    }

    private Pass measure(Deserializer<CloudEvent> deserializer, Headers headers, byte[] record, boolean read) {
        List<Object> kept = new ArrayList<>(1);
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < RECORDS; i++) {
            CloudEvent event = deserializer.deserialize("topic", headers, record);
            Object seen = read ? InboundEvent.from(event) : event.getType();
            // one kept, so the JIT cannot drop the work
            if ((i & 0xffff) == 0) {
                kept.add(seen);
            }
        }
        Pass pass = new Pass(threads.getCurrentThreadCpuTime() - cpuBefore,
                threads.getCurrentThreadAllocatedBytes() - allocatedBefore);
        assertThat(Collections.unmodifiableList(kept)).isNotEmpty();
        return pass;
    }
}

package io.techex.platform.relay;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;
import io.techex.platform.actor.Actor;
import io.techex.platform.consumer.EventInbox;
import io.techex.platform.consumer.InboundEvent;
import io.techex.platform.events.Topics;
import io.techex.platform.tracing.EventTracing;
import io.techex.platform.tracing.TraceContextCorrelation;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace across the relay and a consumer, on PostgreSQL and Kafka: the context a command was handled in is stored
 * with its event, the relay publishes the event in a child span and sets the CloudEvent's {@code traceparent} to it, and
 * a consumer's effect runs in a span continuing that, with the trace's id in what it logs; a redelivery is still
 * dropped by the inbox.
 */
@IntegrationTest
@Import(RelayTracingTest.Spans.class)
@TestPropertySource(properties = {
        "techex.service.name=" + RelayTestApplication.SERVICE_NAME,
        "spring.flyway.locations=classpath:db/platform"})
class RelayTracingTest {

    @EventType(name = "io.techex.relaytest.AssetTraced")
    record AssetTraced(String assetId, String note) implements PublicEvent {
    }

    /** Every finished span of the context, as it ends. */
    @TestConfiguration
    static class Spans {
        static final InMemorySpanExporter FINISHED = InMemorySpanExporter.create();

        @Bean
        SpanProcessor finishedSpans() {
            return SimpleSpanProcessor.create(FINISHED);
        }
    }

    private static final Actor SELLER = new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY);

    @Autowired
    Tracer tracer;
    @Autowired
    EventTracing tracing;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventInbox inbox;
    @Autowired
    Topics topics;
    @Autowired
    TestEnvironment env;

    @Test
    void theRelayAndAConsumerContinueTheTraceTheEventWasCausedIn() {
        // what a request's span leaves in the metadata of the events its command causes
        Span request = tracer.nextSpan().name("request").start();
        Map<String, Object> metaData = new HashMap<>(SELLER.asMetaData());
        try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
            metaData.putAll(new TraceContextCorrelation(tracing).correlationDataFor(new GenericMessage<>("command")));
        } finally {
            request.end();
        }
        String traceId = request.context().traceId();
        assertThat(String.valueOf(metaData.get(EventTracing.TRACEPARENT)))
                .startsWith("00-" + traceId + "-" + request.context().spanId() + "-");

        String assetId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        CloudEvent relayed;
        try (KafkaRecords records = KafkaRecords.read(env.kafkaBootstrapServers(), topics.events())) {
            eventStore.publish(new GenericDomainEventMessage<>("Asset", assetId, 0, new AssetTraced(assetId, "đo độ mặn"),
                    MetaData.from(metaData), eventId, Instant.now()));
            KafkaRecords.Received record = records.awaitRecord(r -> assetId.equals(r.key()), Duration.ofSeconds(60));
            assertThat(record.valueAsString()).as("a top-level attribute of the structured CloudEvent")
                    .contains("\"traceparent\":\"00-" + traceId + "-");
            relayed = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).deserialize(record.value());
        }
        String traceparent = String.valueOf(relayed.getExtension(EventTracing.TRACEPARENT));
        String relaySpanId = traceparent.split("-")[2];
        await().atMost(Duration.ofSeconds(30)).until(() -> spanOf(relaySpanId) != null);
        SpanData relay = spanOf(relaySpanId);
        assertThat(relay.getName()).isEqualTo("relay publish");
        assertThat(relay.getTraceId()).isEqualTo(traceId);
        assertThat(relay.getParentSpanId()).as("the relay's span is the request's child").isEqualTo(request.context().spanId());

        Logger inboxLog = (Logger) LoggerFactory.getLogger(EventInbox.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        Level level = inboxLog.getLevel();
        inboxLog.setLevel(Level.DEBUG);
        logged.start();
        inboxLog.addAppender(logged);
        AtomicReference<String> effectTrace = new AtomicReference<>();
        InboundEvent inbound = InboundEvent.from(relayed);
        try {
            assertThat(inbox.handleOnce("tracingtest", inbound,
                    event -> effectTrace.set(tracer.currentSpan().context().traceId()))).isTrue();
            assertThat(inbox.handleOnce("tracingtest", inbound, event -> effectTrace.set("again")))
                    .as("the redelivery is dropped").isFalse();
        } finally {
            inboxLog.detachAppender(logged);
            inboxLog.setLevel(level);
        }

        assertThat(effectTrace.get()).as("the effect runs in the event's trace").isEqualTo(traceId);
        List<SpanData> consumed = Spans.FINISHED.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("process tracingtest")).toList();
        assertThat(consumed).hasSize(2).allSatisfy(span -> {
            assertThat(span.getTraceId()).isEqualTo(traceId);
            assertThat(span.getParentSpanId()).as("the consumer continues the relay's span").isEqualTo(relaySpanId);
        });
        assertThat(consumed).extracting(span -> span.getAttributes().asMap().entrySet().stream()
                        .filter(attribute -> attribute.getKey().getKey().equals("techex.duplicate"))
                        .map(attribute -> String.valueOf(attribute.getValue())).findFirst().orElse(null))
                .containsExactly("false", "true");
        assertThat(logged.list).filteredOn(line -> line.getFormattedMessage().contains("tracingtest handled"))
                .singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap()).containsEntry("traceId", traceId));
    }

    private static SpanData spanOf(String spanId) {
        return Spans.FINISHED.getFinishedSpanItems().stream()
                .filter(span -> span.getSpanId().equals(spanId)).findFirst().orElse(null);
    }
}

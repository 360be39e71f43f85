package io.techex.platform.relay;

import io.cloudevents.CloudEvent;
import io.micrometer.tracing.Span;
import io.techex.contracts.PublicEvent;
import io.techex.platform.tracing.EventTracing;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The outbox relay: the event store is the outbox, and this handler, run by a pooled streaming processor over
 * it, publishes every {@link PublicEvent} to the service's Kafka topic. Records of a batch are sent without
 * waiting, and the batch commits (moving the processor's token) only once the broker acknowledged all of them.
 * If Kafka is down the batch fails, the token stays, and Axon retries the segment with back-off: commands keep
 * being accepted into the store meanwhile, and nothing is lost.
 * <p>
 * A plain {@link EventMessageHandler} rather than an {@code @EventHandler} method, registered by
 * {@link KafkaRelayConfiguration}: Axon wraps annotated handlers in a tracing span and, unless told otherwise (the
 * platform's defaults now do), a per-message time limit (a task scheduled and cancelled for every event, with a stack
 * trace taken each time), which together cost about as much as publishing the event. The relay needs neither: sending
 * does not wait for the broker, and the wait for its acknowledgements has a limit of its own.
 */
@ProcessingGroup(KafkaRelay.PROCESSING_GROUP)
public class KafkaRelay implements EventMessageHandler {

    public static final String PROCESSING_GROUP = "kafka-relay";

    private static final Logger log = LoggerFactory.getLogger(KafkaRelay.class);
    private static final String PENDING = KafkaRelay.class.getName() + ".pending";

    private final KafkaOperations<String, CloudEvent> kafka;
    private final CloudEventMapper mapper;
    private final String topic;
    private final Duration ackTimeout;
    private final RelayOutcomes outcomes;
    private final EventTracing tracing;

    public KafkaRelay(KafkaOperations<String, CloudEvent> kafka, CloudEventMapper mapper, String topic, Duration ackTimeout,
                      RelayOutcomes outcomes) {
        this(kafka, mapper, topic, ackTimeout, outcomes, EventTracing.NONE);
    }

    public KafkaRelay(KafkaOperations<String, CloudEvent> kafka, CloudEventMapper mapper, String topic, Duration ackTimeout,
                      RelayOutcomes outcomes, EventTracing tracing) {
        this.kafka = kafka;
        this.mapper = mapper;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
        this.outcomes = outcomes;
        this.tracing = tracing;
    }

    /**
     * Publishes in a span "relay publish", the child of the trace stored with the event (the request whose command
     * caused it) or a new trace, ending when the broker acknowledges the record; the CloudEvent carries that span's
     * context, which each consumer continues.
     */
    @Override
    public Object handle(EventMessage<?> message) {
        if (message.getPayload() instanceof PublicEvent event) {
            MetaData metaData = message.getMetaData();
            Function<String, String> stored = key -> metaData.get(key) instanceof String value ? value : null;
            Span span = tracing.start("relay publish", Span.Kind.PRODUCER, stored)
                    .tag("messaging.destination.name", topic)
                    .tag("cloudevents.event_id", message.getIdentifier());
            CloudEvent cloudEvent = mapper.toCloudEvent(event, message, tracing.contextOf(span, stored));
            CompletableFuture<?> sent;
            try {
                sent = kafka.send(new ProducerRecord<>(topic, event.assetId(), cloudEvent));
            } catch (RuntimeException e) {
                // the producer could not even take the record (no metadata from the broker within max.block.ms)
                outcomes.failed(e);
                span.error(e).end();
                throw e;
            }
            sent.whenComplete((result, failure) -> {
                if (failure != null) {
                    span.error(failure);
                }
                span.end();
            });
            pendingSends().add(sent);
        }
        return null;
    }

    @Override
    public boolean canHandle(EventMessage<?> message) {
        return canHandleType(message.getPayloadType());
    }

    @Override
    public boolean canHandleType(Class<?> payloadType) {
        return PublicEvent.class.isAssignableFrom(payloadType);
    }

    @Override
    public Class<?> getTargetType() {
        return KafkaRelay.class;
    }

    private List<CompletableFuture<?>> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            outcomes.acknowledged();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RelayFailed("Interrupted while waiting for Kafka to acknowledge " + sends.size() + " events", e);
        } catch (ExecutionException | TimeoutException e) {
            outcomes.failed(e);
            log.warn("Kafka did not acknowledge a batch of {} events on {}; the batch will be retried: {}",
                    sends.size(), topic, e.getMessage());
            throw new RelayFailed("Kafka did not acknowledge " + sends.size() + " events on " + topic, e);
        }
    }

    /** The batch was not acknowledged; its events stay in the store and are sent again. */
    public static class RelayFailed extends RuntimeException {
        RelayFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

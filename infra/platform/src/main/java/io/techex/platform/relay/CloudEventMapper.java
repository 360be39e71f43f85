package io.techex.platform.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.data.PojoCloudEventData;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.contracts.PublicEvent;
import io.techex.platform.actor.Actor;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Turns a stored Axon event into the CloudEvent other services read. The id is the event store's event id, so
 * a republished event keeps its id and consumers can drop the duplicate. The data is the event itself, written as
 * {@link EventJson} writes it when asked for bytes, which {@link RelayCloudEventSerializer} does straight into the
 * record.
 */
public class CloudEventMapper {

    /** Extension attributes TechEx adds (CloudEvents names: lowercase letters and digits). */
    public static final String PARTITION_KEY = "partitionkey";
    public static final String ACTOR_PERSON = "actorperson";
    public static final String ACTOR_ORGANISATION = "actororg";
    public static final String ACTOR_ROLE = "actorrole";
    public static final String AGGREGATE_ID = "aggregateid";
    public static final String AGGREGATE_SEQUENCE = "aggregateseq";

    /** An event class's CloudEvents type and data schema, worked out once per class rather than per event. */
    private static final ClassValue<Contract> CONTRACTS = new ClassValue<>() {
        @Override
        protected Contract computeValue(Class<?> eventClass) {
            String type = EventContracts.typeOf(eventClass);
            return new Contract(type, schemaUri(type));
        }
    };

    private record Contract(String type, URI schema) {
    }

    private final URI source;

    public CloudEventMapper(String serviceName) {
        this.source = URI.create("/techex/" + serviceName);
    }

    public CloudEvent toCloudEvent(PublicEvent event, EventMessage<?> message) {
        return toCloudEvent(event, message, Map.of());
    }

    /**
     * The same, with the trace it is published in as the CloudEvents distributed-tracing extension ({@code traceparent},
     * {@code tracestate}): optional attributes, absent when {@code traceContext} is empty.
     */
    public CloudEvent toCloudEvent(PublicEvent event, EventMessage<?> message, Map<String, String> traceContext) {
        Contract contract = CONTRACTS.get(event.getClass());
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withSource(source)
                .withType(contract.type())
                .withSubject(event.assetId())
                .withTime(message.getTimestamp().atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(contract.schema())
                .withData(PojoCloudEventData.wrap(event, CloudEventMapper::json))
                .withExtension(PARTITION_KEY, event.assetId());
        Actor actor = Actor.fromMetaData(message.getMetaData());
        if (actor != null) {
            builder.withExtension(ACTOR_PERSON, actor.personId())
                    .withExtension(ACTOR_ORGANISATION, actor.organisationId())
                    .withExtension(ACTOR_ROLE, actor.role().name());
        }
        if (message instanceof DomainEventMessage<?> domainEvent) {
            builder.withExtension(AGGREGATE_ID, domainEvent.getAggregateIdentifier())
                    .withExtension(AGGREGATE_SEQUENCE, domainEvent.getSequenceNumber());
        }
        traceContext.forEach(builder::withExtension);
        return builder.build();
    }

    private static URI schemaUri(String type) {
        String[] parts = type.split("\\.");
        return URI.create("https://techex.io/contracts/" + parts[2] + "/" + parts[3] + "." + parts[4] + ".schema.json");
    }

    private static byte[] json(PublicEvent event) {
        try {
            return EventJson.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + event.getClass().getSimpleName() + " as JSON", e);
        }
    }
}

package io.techex.platform.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.techex.contracts.EventContract;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.actor.Actor;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.platform.tracing.EventTracing;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * A public event as a consumer sees it: the CloudEvent's attributes, who acted, and its data as JSON, already
 * checked against its contract when the contracts folder knows the type.
 *
 * @param actor null for events no person caused
 * @param traceparent the trace the event was published in (the CloudEvents distributed-tracing extension), or null
 * @param tracestate vendor trace state going with {@code traceparent}, or null
 */
public record InboundEvent(String id, String type, String source, String subject, Instant time, Actor actor,
                           JsonNode data, String traceparent, String tracestate) {

    /**
     * Reads and checks a CloudEvent.
     *
     * @throws PoisonMessage if it lacks a subject or JSON data, or its data breaks its type's schema
     */
    public static InboundEvent from(CloudEvent event) {
        if (event.getSubject() == null || event.getSubject().isBlank()) {
            throw new PoisonMessage("CloudEvent " + event.getId() + " of type " + event.getType() + " has no subject");
        }
        CloudEventData data = event.getData();
        if (data == null) {
            throw new PoisonMessage("CloudEvent " + event.getId() + " of type " + event.getType() + " has no data");
        }
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(data.toBytes());
        } catch (IOException e) {
            throw new PoisonMessage("CloudEvent " + event.getId() + " has data that is not JSON", e);
        }
        EventContract contract = EventContracts.find(event.getType()).orElse(null);
        if (contract != null) {
            List<String> violations = contract.violations(json);
            if (!violations.isEmpty()) {
                throw new PoisonMessage("CloudEvent " + event.getId() + " breaks " + event.getType() + ": " + violations);
            }
        }
        Instant time = event.getTime() == null ? null : event.getTime().toInstant();
        return new InboundEvent(event.getId(), event.getType(), event.getSource().toString(), event.getSubject(), time,
                actorOf(event), json, extension(event, EventTracing.TRACEPARENT), extension(event, EventTracing.TRACESTATE));
    }

    /** {@code traceparent} or {@code tracestate}, for {@link EventTracing#start}; null when the event has none. */
    public String traceContext(String key) {
        return switch (key) {
            case EventTracing.TRACEPARENT -> traceparent;
            case EventTracing.TRACESTATE -> tracestate;
            default -> null;
        };
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }

    /** The data read as a consumer's own view of the event (unknown fields ignored). */
    public <T> T dataAs(Class<T> view) {
        try {
            return EventJson.mapper().treeToValue(data, view);
        } catch (IOException e) {
            throw new PoisonMessage("CloudEvent " + id + " of type " + type + " does not read as " + view.getSimpleName(), e);
        }
    }

    private static Actor actorOf(CloudEvent event) {
        Object person = event.getExtension(CloudEventMapper.ACTOR_PERSON);
        Object organisation = event.getExtension(CloudEventMapper.ACTOR_ORGANISATION);
        Object role = event.getExtension(CloudEventMapper.ACTOR_ROLE);
        if (person == null || organisation == null || role == null) {
            return null;
        }
        try {
            return new Actor(person.toString(), organisation.toString(), Actor.Role.valueOf(role.toString()));
        } catch (IllegalArgumentException e) {
            throw new PoisonMessage("CloudEvent " + event.getId() + " names an unknown actor role " + role, e);
        }
    }
}

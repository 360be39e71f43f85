package io.techex.notification.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.techex.contracts.EventJson;
import io.techex.platform.consumer.InboundEvent;

import java.time.Instant;

/**
 * A public event as the feed takes it.
 *
 * @param at when it happened: the CloudEvent's time, else its Kafka record's (a fact of the topic, the same on replay)
 */
record Incoming(InboundEvent event, Instant at) {

    <T> T data(Class<T> view) {
        return event.dataAs(view);
    }

    String id() {
        return event.id();
    }

    /** Parameters of a notification about a listing: its id, by which the title is looked up when it is read. */
    static ObjectNode params(String listingId) {
        ObjectNode params = EventJson.mapper().createObjectNode();
        params.put("listingId", listingId);
        return params;
    }
}

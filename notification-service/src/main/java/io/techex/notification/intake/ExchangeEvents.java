package io.techex.notification.intake;

import io.cloudevents.CloudEvent;
import io.techex.platform.consumer.EventConsumerConfiguration;
import io.techex.platform.consumer.EventInbox;
import io.techex.platform.consumer.InboundEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Builds the feed from every public event of listing-, bidding- and contract-service, once each: the inbox records the
 * CloudEvent's id in the transaction that writes the event's notifications, reminders, facts and e-mails, so an event
 * delivered again changes nothing. An event that cannot be read (no subject, data breaking its contract) is a poison
 * message and goes to {@code techex.notification.dlt} at once; one whose handling fails is retried, then goes there.
 * Events of one listing share a partition, so they arrive in the order they happened.
 */
@Component
class ExchangeEvents {

    private final EventInbox inbox;
    private final String consumer;
    private final Map<String, Consumer<Incoming>> handlers = new HashMap<>();

    ExchangeEvents(EventInbox inbox, List<EventHandlers> producers,
                   @Value("${techex.notification.feed.consumer:feed}") String consumer) {
        this.inbox = inbox;
        this.consumer = consumer;
        producers.forEach(producer -> producer.byType().forEach((type, handler) -> {
            if (handlers.putIfAbsent(type, handler) != null) {
                throw new IllegalStateException("two handlers of " + type);
            }
        }));
    }

    @KafkaListener(id = "notification-feed", topics = "#{@topics.consumed()}",
            groupId = "#{@topics.group('${techex.notification.feed.consumer:feed}')}",
            containerFactory = EventConsumerConfiguration.LISTENER_FACTORY)
    void on(ConsumerRecord<String, CloudEvent> record) {
        InboundEvent event = InboundEvent.from(record.value());
        Consumer<Incoming> handler = handlers.get(event.type());
        if (handler == null) {
            // concerns nobody here: not even an inbox row
            return;
        }
        Instant at = event.time() != null ? event.time() : Instant.ofEpochMilli(record.timestamp());
        inbox.handleOnce(consumer, event, handled -> handler.accept(new Incoming(handled, at)));
    }
}

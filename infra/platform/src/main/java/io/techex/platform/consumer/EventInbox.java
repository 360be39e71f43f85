package io.techex.platform.consumer;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.techex.platform.tracing.EventTracing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Exactly-once effect for at-least-once delivery: the event's id is recorded in {@code processed_event} in the
 * same database transaction as the consumer's effect. A redelivered event finds its id and does nothing; an
 * effect that fails rolls the id back with it, so the retry runs the effect again.
 * <p>
 * Each event's handling is a span named {@code process <consumer>}, the child of the trace the event was published in
 * (its {@code traceparent}), so the effect shows in the trace of the request that caused the event; and a DEBUG line
 * says the effect ran, with that trace's id in its MDC.
 */
public class EventInbox {

    private static final Logger log = LoggerFactory.getLogger(EventInbox.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final EventTracing tracing;

    public EventInbox(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this(jdbc, transactions, EventTracing.NONE);
    }

    public EventInbox(JdbcTemplate jdbc, TransactionTemplate transactions, EventTracing tracing) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tracing = tracing;
    }

    /**
     * Runs {@code effect} unless {@code consumer} already processed this event.
     *
     * @return true if the effect ran, false for a duplicate
     */
    public boolean handleOnce(String consumer, InboundEvent event, Consumer<InboundEvent> effect) {
        // in scope around the effect: what it logs carries the trace, and the commands it sends continue it
        Span span = startSpan(consumer, event);
        try (Tracer.SpanInScope scope = tracing.inScope(span)) {
            Boolean ran = transactions.execute(status -> {
                int inserted = jdbc.update("""
                        INSERT INTO processed_event (consumer, event_id, event_type) VALUES (?, ?, ?)
                        ON CONFLICT (consumer, event_id) DO NOTHING""", consumer, event.id(), event.type());
                if (inserted == 0) {
                    return false;
                }
                effect.accept(event);
                return true;
            });
            boolean effected = Boolean.TRUE.equals(ran);
            handled(span, consumer, event, effected);
            return effected;
        } catch (RuntimeException | Error failure) {
            span.error(failure);
            throw failure;
        } finally {
            span.end();
        }
    }

    /**
     * Runs {@code effect} once for those of {@code items} whose event {@code consumer} has not processed, all in one
     * transaction with recording their ids: the batch form of {@link #handleOnce(String, InboundEvent, Consumer)},
     * one statement for the whole inbox check instead of one per event. Of several items with the same event id
     * the first is the one, as it would be handled one at a time in this order. An effect that fails rolls every id
     * of the batch back with it. The ids are taken in their sort order, so that consumers recording batches in
     * parallel wait for each other on an id they share rather than deadlock.
     *
     * @param event the event an item carries
     * @param effect given the new items, in the order of {@code items}; not called when there are none
     * @return the items whose effect ran, in order
     */
    public <T> List<T> handleOnce(String consumer, List<T> items, Function<T, InboundEvent> event,
                                  Consumer<List<T>> effect) {
        Map<String, T> firstOfEach = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (T item : items) {
            InboundEvent inbound = event.apply(item);
            if (firstOfEach.putIfAbsent(inbound.id(), item) == null) {
                types.put(inbound.id(), inbound.type());
            }
        }
        if (firstOfEach.isEmpty()) {
            return List.of();
        }
        // a span per event, each in its own trace; the effect is one for them all, so none is in scope during it
        Map<String, Span> spans = new LinkedHashMap<>();
        firstOfEach.forEach((id, item) -> spans.put(id, startSpan(consumer, event.apply(item))));
        List<T> ran;
        try {
            ran = transactions.execute(status -> {
                Set<String> inserted = new HashSet<>(jdbc.queryForList("""
                        INSERT INTO processed_event (consumer, event_id, event_type)
                        SELECT ?, e.id, e.type FROM unnest(?::varchar[], ?::varchar[]) AS e(id, type)
                        ORDER BY e.id
                        ON CONFLICT (consumer, event_id) DO NOTHING
                        RETURNING event_id""", String.class, consumer,
                        types.keySet().toArray(String[]::new), types.values().toArray(String[]::new)));
                List<T> fresh = firstOfEach.entrySet().stream()
                        .filter(entry -> inserted.contains(entry.getKey()))
                        .map(Map.Entry::getValue)
                        .toList();
                if (!fresh.isEmpty()) {
                    effect.accept(fresh);
                }
                return fresh;
            });
        } catch (RuntimeException | Error failure) {
            spans.values().forEach(span -> span.error(failure).end());
            throw failure;
        }
        List<T> effected = ran == null ? List.of() : ran;
        Set<String> effectedIds = new HashSet<>();
        effected.forEach(item -> effectedIds.add(event.apply(item).id()));
        spans.forEach((id, span) -> {
            try (Tracer.SpanInScope scope = tracing.inScope(span)) {
                handled(span, consumer, event.apply(firstOfEach.get(id)), effectedIds.contains(id));
            } finally {
                span.end();
            }
        });
        return effected;
    }

    private Span startSpan(String consumer, InboundEvent event) {
        return tracing.start("process " + consumer, Span.Kind.CONSUMER, event::traceContext)
                .tag("techex.consumer", consumer)
                .tag("cloudevents.event_id", event.id())
                .tag("cloudevents.event_type", event.type());
    }

    private static void handled(Span span, String consumer, InboundEvent event, boolean effected) {
        span.tag("techex.duplicate", String.valueOf(!effected));
        if (effected) {
            log.debug("{} handled {} {} of {}", consumer, event.type(), event.id(), event.subject());
        } else {
            log.debug("{} dropped {} {}: handled before", consumer, event.type(), event.id());
        }
    }
}

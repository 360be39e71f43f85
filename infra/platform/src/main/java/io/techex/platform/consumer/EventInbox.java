package io.techex.platform.consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.function.Consumer;

/**
 * Exactly-once effect for at-least-once delivery: the event's id is recorded in {@code processed_event} in the
 * same database transaction as the consumer's effect. A redelivered event finds its id and does nothing; an
 * effect that fails rolls the id back with it, so the retry runs the effect again.
 */
public class EventInbox {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public EventInbox(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /**
     * Runs {@code effect} unless {@code consumer} already processed this event.
     *
     * @return true if the effect ran, false for a duplicate
     */
    public boolean handleOnce(String consumer, InboundEvent event, Consumer<InboundEvent> effect) {
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
        return Boolean.TRUE.equals(ran);
    }
}

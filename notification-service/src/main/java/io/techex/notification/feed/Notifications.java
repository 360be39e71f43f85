package io.techex.notification.feed;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.util.UUID;

/**
 * Writes the feed. A notification is written once: its id is derived from what caused it, so a second write of the
 * same one (an event delivered again after its inbox entry was lost, a replay) finds it and does nothing else, in
 * particular enqueues no e-mail. Runs inside the caller's transaction (the consumer's inbox transaction, or the
 * reminder poller's claim), so the notification, its e-mails and the event's inbox entry commit together or not at all.
 */
@Component
public class Notifications {

    private final JdbcTemplate jdbc;
    private final ApplicationEventPublisher events;

    Notifications(JdbcTemplate jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** @return true if it was new */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean write(NewNotification notification) {
        int inserted = jdbc.update("""
                INSERT INTO notification (notification_id, audience, kind, link, params, occurred_at, source_id)
                VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (notification_id) DO NOTHING""",
                notification.id(), notification.audience().key(), notification.kind().name(), notification.link(),
                notification.params().toString(), Timestamp.from(notification.occurredAt()), notification.sourceId());
        if (inserted == 0) {
            return false;
        }
        events.publishEvent(new NotificationWritten(notification));
        return true;
    }

    /** Takes a notification back, with any of its e-mails not sent yet. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void retract(UUID notificationId) {
        if (jdbc.update("DELETE FROM notification WHERE notification_id = ?", notificationId) > 0) {
            events.publishEvent(new NotificationRetracted(notificationId));
        }
    }
}

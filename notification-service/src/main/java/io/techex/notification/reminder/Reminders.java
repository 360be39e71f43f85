package io.techex.notification.reminder;

import io.techex.notification.addressing.Audience;
import io.techex.notification.addressing.Kind;
import io.techex.notification.feed.Notifications;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Notifications that fall due at a time rather than on an event: an offer expiring within a day, a regulator's
 * decision due in three days. An event schedules one (a row of {@code reminder}, in the consumer's transaction); the
 * {@link ReminderPoller} writes its notification when it falls due; a later event of its topic (the negotiation
 * moved on, the decision was made) ends it.
 * <p>
 * What counts is the order things happened in, not the order they are processed in: an event ends the reminders of its
 * topic that were not yet due when it happened. A reminder that fired although an event that happened before its due
 * time ends it (a replay reads a day of events in a second, and the poller may be quicker than the consumer) has its
 * notification taken back, so a rebuilt feed holds the reminders the live one held, no more.
 */
@Component
public class Reminders {

    private final JdbcTemplate jdbc;
    private final Notifications notifications;

    Reminders(JdbcTemplate jdbc, Notifications notifications) {
        this.jdbc = jdbc;
        this.notifications = notifications;
    }

    /**
     * Schedules a reminder of {@code kind} for {@code audience} at {@code dueAt}, made by the event {@code sourceId}
     * (the same event and audience schedule the same reminder, once).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void schedule(String sourceId, String topic, Kind kind, Audience audience, String link, ObjectNode params,
                         Instant dueAt) {
        jdbc.update("""
                INSERT INTO reminder (reminder_id, topic, audience, kind, link, params, due_at) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?)
                ON CONFLICT (reminder_id) DO NOTHING""",
                reminderId(sourceId, kind, audience), topic, audience.key(), kind.name(), link, params.toString(),
                Timestamp.from(dueAt));
    }

    /** Ends the reminders of {@code topic} that were not due yet {@code at}: they will not fire, or are taken back. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void end(String topic, Instant at) {
        List<UUID> fired = jdbc.query("DELETE FROM reminder WHERE topic = ? AND due_at > ? RETURNING reminder_id, fired",
                (rs, n) -> rs.getBoolean("fired") ? rs.getObject("reminder_id", UUID.class) : null, topic, Timestamp.from(at))
                .stream().filter(id -> id != null).toList();
        fired.forEach(reminderId -> notifications.retract(notificationIdOf(reminderId)));
    }

    static UUID reminderId(String sourceId, Kind kind, Audience audience) {
        return UUID.nameUUIDFromBytes(("reminder|" + sourceId + "|" + kind + "|" + audience.key()).getBytes(StandardCharsets.UTF_8));
    }

    /** The notification a reminder makes when it falls due. */
    static UUID notificationIdOf(UUID reminderId) {
        return UUID.nameUUIDFromBytes(("notification|" + reminderId).getBytes(StandardCharsets.UTF_8));
    }
}

package io.techex.notification.mail;

import io.techex.notification.feed.NewNotification;
import io.techex.notification.feed.NotificationRetracted;
import io.techex.notification.feed.NotificationWritten;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * Enqueues a new notification's e-mails in the transaction that wrote it: one row per person of its audience who is
 * known, has an address, has e-mail on and has not turned the kind off. Only a notification written for the first time
 * gets here ({@code NotificationWritten}), and only one of something that happened since the feed began
 * ({@link FeedOrigin}): a replay enqueues nothing. A row already there for the notification and person (its mail
 * sent before the notification was written again) is left alone.
 */
@Component
class MailOutbox {

    private final JdbcTemplate jdbc;
    private final FeedOrigin origin;
    private final OutboxSender sender;
    private final Clock clock;

    MailOutbox(JdbcTemplate jdbc, FeedOrigin origin, OutboxSender sender, Clock clock) {
        this.jdbc = jdbc;
        this.origin = origin;
        this.sender = sender;
        this.clock = clock;
    }

    @EventListener
    void on(NotificationWritten written) {
        NewNotification notification = written.notification();
        if (notification.occurredAt().isBefore(origin.mailFrom())) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        int enqueued = jdbc.update("""
                INSERT INTO mail_outbox (notification_id, person_id, address, language, enqueued_at, next_attempt_at)
                SELECT ?, r.person_id, r.email, coalesce(r.language, r.token_language, 'vi'), ?, ?
                FROM recipient r
                WHERE ? IN ('org:' || r.organisation_id, 'role:' || r.role)
                  AND r.email IS NOT NULL AND r.email_enabled AND NOT (? = ANY(r.muted_kinds))
                ON CONFLICT (notification_id, person_id) DO NOTHING""",
                notification.id(), now, now, notification.audience().key(), notification.kind().name());
        if (enqueued > 0 && TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    sender.wake();
                }
            });
        }
    }

    /** A notification taken back takes its unsent e-mails with it; sent ones stay on record. */
    @EventListener
    void on(NotificationRetracted retracted) {
        jdbc.update("DELETE FROM mail_outbox WHERE notification_id = ? AND sent_at IS NULL", retracted.notificationId());
    }
}

package io.techex.notification.reminder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.techex.contracts.EventJson;
import io.techex.notification.addressing.Audience;
import io.techex.notification.addressing.Kind;
import io.techex.notification.feed.NewNotification;
import io.techex.notification.feed.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Writes the notifications of reminders that fell due, by the service's {@link Clock}. A due reminder is claimed with
 * {@code FOR UPDATE SKIP LOCKED} and marked fired in the transaction that writes its notification, so with several
 * instances each reminder fires once; one that fell due while every instance was down fires when one is back. Its
 * notification is dated at its due time, not at when it fired.
 */
@Component
class ReminderPoller implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReminderPoller.class);
    private static final int BATCH = 100;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Notifications notifications;
    private final Clock clock;
    private final Duration pollInterval;
    private volatile ScheduledExecutorService executor;

    ReminderPoller(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Notifications notifications, Clock clock,
                   @Value("${techex.notification.reminders.poll-interval:1s}") Duration pollInterval) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.notifications = notifications;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    private record Due(UUID reminderId, String audience, Kind kind, String link, String params, Timestamp dueAt) {
    }

    /** Fires every reminder due now, a batch per transaction; returns how many fired. */
    int fireDue() {
        int fired = 0;
        try {
            while (true) {
                Integer batch = transactions.execute(status -> fireBatch());
                fired += batch == null ? 0 : batch;
                if (batch == null || batch < BATCH) {
                    return fired;
                }
            }
        } catch (RuntimeException failed) {
            log.warn("Due reminders not fired: {}", failed.getMessage());
            return fired;
        }
    }

    private int fireBatch() {
        List<Due> due = jdbc.query("""
                SELECT reminder_id, audience, kind, link, params, due_at FROM reminder
                WHERE NOT fired AND due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED""",
                (rs, n) -> new Due(rs.getObject("reminder_id", UUID.class), rs.getString("audience"),
                        Kind.valueOf(rs.getString("kind")), rs.getString("link"), rs.getString("params"), rs.getTimestamp("due_at")),
                Timestamp.from(clock.instant()), BATCH);
        for (Due reminder : due) {
            ObjectNode params;
            try {
                params = (ObjectNode) EventJson.mapper().readTree(reminder.params());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("reminder " + reminder.reminderId() + " has unreadable params", e);
            }
            notifications.write(new NewNotification(Reminders.notificationIdOf(reminder.reminderId()), reminder.kind(),
                    new Audience(reminder.audience()), reminder.link(), params, reminder.dueAt().toInstant(),
                    reminder.reminderId().toString()));
            jdbc.update("UPDATE reminder SET fired = TRUE WHERE reminder_id = ?", reminder.reminderId());
        }
        return due.size();
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("reminders").daemon().factory());
        executor = started;
        started.scheduleWithFixedDelay(this::fireDue, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}

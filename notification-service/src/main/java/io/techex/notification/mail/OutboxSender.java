package io.techex.notification.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.contracts.EventJson;
import io.techex.notification.addressing.Kind;
import io.techex.notification.feed.Renderer;
import io.techex.notification.people.Language;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the outbox through the configured SMTP relay ({@code spring.mail.*}). Each message is claimed with
 * {@code FOR UPDATE SKIP LOCKED}, sent, and marked sent in the same transaction, so instances never send the same row
 * at once and a row is marked only once the relay accepted it. Between the relay's acceptance and the commit lies the
 * one window for a duplicate (the instance dies there): the row is sent again later, under the same Message-ID
 * ({@link NotificationMail}). A refused message is retried later (10 s, then three times longer each time, at most an
 * hour) and given up after {@code max-attempts}, with the reason kept in the row; one whose address or content cannot
 * be sent at all is given up at once. A person who turned e-mail or the kind off before it went gets nothing. An e-mail
 * about a listing whose events have not arrived yet waits for them a few seconds ({@link #TITLE_GRACE}), so that it
 * names the listing by its title.
 * <p>
 * Looks every {@code poll-interval}, and at once when a notification with e-mails was committed on this instance.
 */
@Component
public class OutboxSender implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    /**
     * How long an e-mail about a listing this service has not heard of yet waits for the listing's events, which come
     * on another topic than, say, a bid on it and may be handled a moment later; then it goes with the listing's id.
     */
    static final Duration TITLE_GRACE = Duration.ofSeconds(5);
    private static final Duration TITLE_RECHECK = Duration.ofMillis(250);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JavaMailSenderImpl mail;
    private final Renderer renderer;
    private final Clock clock;
    private final String from;
    private final String consoleUrl;
    private final Duration pollInterval;
    private final int maxAttempts;
    private final Duration retryAfter;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    OutboxSender(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, JavaMailSenderImpl mail, Renderer renderer,
               Clock clock, @Value("${techex.notification.mail.from}") String from,
               @Value("${techex.notification.console-url}") String consoleUrl,
               @Value("${techex.notification.mail.poll-interval:1s}") Duration pollInterval,
               @Value("${techex.notification.mail.max-attempts:8}") int maxAttempts,
               @Value("${techex.notification.mail.retry-after:10s}") Duration retryAfter) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.mail = mail;
        this.renderer = renderer;
        this.clock = clock;
        this.from = from;
        this.consoleUrl = consoleUrl.replaceAll("/+$", "");
        this.pollInterval = pollInterval;
        this.maxAttempts = maxAttempts;
        this.retryAfter = retryAfter;
    }

    /** Looks at the outbox now rather than at the next poll. */
    void wake() {
        ScheduledExecutorService running = executor;
        if (running != null && wakeQueued.compareAndSet(false, true)) {
            running.execute(() -> {
                wakeQueued.set(false);
                sendDue();
            });
        }
    }

    /** Sends every due message, one transaction each; returns how many were sent. */
    int sendDue() {
        int sent = 0;
        try {
            while (executor != null && !executor.isShutdown()) {
                Outcome outcome = transactions.execute(status -> sendOne());
                if (outcome == null || outcome == Outcome.NOTHING_DUE) {
                    break;
                }
                if (outcome == Outcome.SENT) {
                    sent++;
                }
            }
        } catch (RuntimeException failed) {
            // the database, most likely: the next poll tries again
            log.warn("E-mail outbox not sent: {}", failed.getMessage());
        }
        return sent;
    }

    private enum Outcome { SENT, NOT_SENT, NOTHING_DUE }

    private record Due(UUID notificationId, String personId, String address, Language language, int attempts, Kind kind,
                       String link, String params, Renderer.Titles titles, boolean stillWanted, boolean listingUnknown,
                       Instant enqueuedAt) {
    }

    private Outcome sendOne() {
        Instant now = clock.instant();
        List<Due> due = jdbc.query("""
                SELECT o.notification_id, o.person_id, o.address, o.language, o.attempts, n.kind, n.link, n.params,
                       l.title_vi, l.title_en,
                       coalesce(r.email_enabled AND NOT (n.kind = ANY(r.muted_kinds)), FALSE) AS still_wanted,
                       (n.params ->> 'listingId' IS NOT NULL AND l.listing_id IS NULL) AS listing_unknown, o.enqueued_at
                FROM mail_outbox o
                JOIN notification n ON n.notification_id = o.notification_id
                LEFT JOIN listing_fact l ON l.listing_id = n.params ->> 'listingId'
                LEFT JOIN recipient r ON r.person_id = o.person_id
                WHERE o.sent_at IS NULL AND o.failed_at IS NULL AND o.next_attempt_at <= ?
                ORDER BY o.next_attempt_at
                LIMIT 1
                FOR UPDATE OF o SKIP LOCKED""", (rs, n) -> new Due(rs.getObject("notification_id", UUID.class),
                rs.getString("person_id"), rs.getString("address"),
                Language.ofTag(rs.getString("language")).orElse(Language.DEFAULT), rs.getInt("attempts"),
                Kind.valueOf(rs.getString("kind")), rs.getString("link"), rs.getString("params"),
                new Renderer.Titles(rs.getString("title_vi"), rs.getString("title_en")), rs.getBoolean("still_wanted"),
                rs.getBoolean("listing_unknown"), rs.getTimestamp("enqueued_at").toInstant()),
                Timestamp.from(now));
        if (due.isEmpty()) {
            return Outcome.NOTHING_DUE;
        }
        Due message = due.getFirst();
        if (!message.stillWanted()) {
            giveUp(message, now, "the person turned e-mail or this kind off before it was sent");
            return Outcome.NOT_SENT;
        }
        if (message.listingUnknown() && now.isBefore(message.enqueuedAt().plus(TITLE_GRACE))) {
            // not an attempt: the relay was not asked
            jdbc.update("UPDATE mail_outbox SET next_attempt_at = ? WHERE notification_id = ? AND person_id = ?",
                    Timestamp.from(now.plus(TITLE_RECHECK)), message.notificationId(), message.personId());
            ScheduledExecutorService running = executor;
            if (running != null) {
                running.schedule(this::wake, TITLE_RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            }
            return Outcome.NOT_SENT;
        }
        try {
            mail.send(compose(message));
        } catch (MailParseException | MailPreparationException | IllegalArgumentException cannotBeSent) {
            giveUp(message, now, cannotBeSent.getMessage());
            return Outcome.NOT_SENT;
        } catch (MailException refused) {
            retryLater(message, now, refused);
            return Outcome.NOT_SENT;
        }
        jdbc.update("UPDATE mail_outbox SET sent_at = ?, attempts = attempts + 1 WHERE notification_id = ? AND person_id = ?",
                Timestamp.from(clock.instant()), message.notificationId(), message.personId());
        return Outcome.SENT;
    }

    private NotificationMail compose(Due due) {
        Locale locale = due.language().locale();
        Renderer.Rendered words;
        try {
            words = renderer.render(due.kind(), EventJson.mapper().readTree(due.params()), due.titles(), locale);
        } catch (JsonProcessingException e) {
            throw new MailPreparationException("notification " + due.notificationId() + " has unreadable params", e);
        }
        NotificationMail message = new NotificationMail(mail.getSession(), due.notificationId(), due.personId());
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(due.address());
            helper.setSubject(words.subject());
            helper.setText(words.text() + "\n\n" + renderer.message("mail.open", locale, consoleUrl + due.link())
                    + "\n\n-- \n" + renderer.message("mail.footer", locale, consoleUrl + "/my/notifications") + "\n");
            // RFC 3834: no auto-replies to this; and which notification it is, for whoever files it
            message.setHeader("Auto-Submitted", "auto-generated");
            message.setHeader("Content-Language", due.language().name());
            message.setHeader("X-TechEx-Notification", due.notificationId().toString());
        } catch (MessagingException e) {
            throw new MailPreparationException("e-mail of notification " + due.notificationId() + " to " + due.personId(), e);
        }
        return message;
    }

    private void retryLater(Due due, Instant now, MailException refused) {
        int attempts = due.attempts() + 1;
        if (attempts >= maxAttempts && !(refused instanceof MailAuthenticationException)) {
            giveUp(due, now, refused.getMessage());
            return;
        }
        Duration wait = retryAfter.multipliedBy((long) Math.pow(3, Math.min(attempts - 1, 10)));
        wait = wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
        log.info("E-mail of notification {} to {} refused (attempt {}), again in {}: {}", due.notificationId(),
                due.personId(), attempts, wait, refused.getMessage());
        jdbc.update("""
                UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_error = ?
                WHERE notification_id = ? AND person_id = ?""",
                attempts, Timestamp.from(now.plus(wait)), truncated(refused.getMessage()), due.notificationId(), due.personId());
    }

    private void giveUp(Due due, Instant now, String reason) {
        log.warn("E-mail of notification {} to {} given up: {}", due.notificationId(), due.personId(), reason);
        jdbc.update("""
                UPDATE mail_outbox SET attempts = attempts + 1, failed_at = ?, last_error = ?
                WHERE notification_id = ? AND person_id = ?""",
                Timestamp.from(now), truncated(reason), due.notificationId(), due.personId());
    }

    private static String truncated(String text) {
        return text == null ? null : text.length() > 1000 ? text.substring(0, 1000) : text;
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("mail-outbox").daemon().factory());
        executor = started;
        started.scheduleWithFixedDelay(this::sendDue, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdown();
            try {
                running.awaitTermination(15, TimeUnit.SECONDS);
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

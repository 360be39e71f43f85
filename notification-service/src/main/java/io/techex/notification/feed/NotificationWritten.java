package io.techex.notification.feed;

/**
 * Published (as a Spring application event) inside the transaction that wrote a notification for the first time:
 * the mail outbox enqueues its e-mails in that same transaction, and the live stream tells watchers once it commits.
 * A notification written again (a replay) publishes nothing.
 */
public record NotificationWritten(NewNotification notification) {
}

package io.techex.notification.feed;

import java.util.UUID;

/** Published inside the transaction that took a notification back (a reminder that should not have fired). */
public record NotificationRetracted(UUID notificationId) {
}

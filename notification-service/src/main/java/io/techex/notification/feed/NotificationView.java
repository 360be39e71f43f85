package io.techex.notification.feed;

import io.techex.notification.addressing.Kind;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A notification as its reader gets it: in their language, with the parameters it was written from so that a client
 * may put it in words of its own.
 *
 * @param link       the web console's page of its subject, e.g. {@code /auctions/{id}}
 * @param occurredAt when what it tells happened
 * @param read       whether this person marked it read
 */
public record NotificationView(UUID notificationId, Kind kind, String link, String subject, String text,
                               Map<String, Object> params, Instant occurredAt, boolean read) {
}

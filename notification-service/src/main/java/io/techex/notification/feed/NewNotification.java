package io.techex.notification.feed;

import io.techex.notification.addressing.Kind;
import io.techex.notification.addressing.Audience;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.techex.notification.addressing.Audience;
import io.techex.notification.addressing.Kind;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A notification about to be written.
 *
 * @param link       the web console's page of its subject ({@code /auctions/{id}}, {@code /contracts/{id}}...)
 * @param params     what renders it: the kind's {@link Kind#arguments()} and the ids it concerns ({@code listingId}...)
 * @param occurredAt when what it tells happened: the event's time, or a reminder's due time
 * @param sourceId   the CloudEvent id, or the reminder's id
 */
public record NewNotification(UUID id, Kind kind, Audience audience, String link, ObjectNode params, Instant occurredAt,
                              String sourceId) {

    public NewNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(sourceId, "sourceId");
    }

    /** The notification an event makes for an audience, with an id derived from the three, as every replay derives it. */
    public static NewNotification of(String eventId, Kind kind, Audience audience, String link, ObjectNode params,
                                     Instant occurredAt) {
        return new NewNotification(idOf(eventId, kind, audience), kind, audience, link, params, occurredAt, eventId);
    }

    public static UUID idOf(String sourceId, Kind kind, Audience audience) {
        return UUID.nameUUIDFromBytes(("notification|" + sourceId + "|" + kind + "|" + audience.key())
                .getBytes(StandardCharsets.UTF_8));
    }
}

package io.techex.console.services;

import io.techex.console.ConsoleProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * notification-service's feed as the console reads it for the signed-in person: their own notifications only (the
 * service decides from the person's token which organisation's and role's these are), in the language the person
 * chose there, and marking one read.
 */
@Component
public class Notifications {

    public static final String SERVICE = "notification-service";
    /** notification-service's largest page. */
    public static final int MAX_PAGE = 100;

    private final RestClient http;

    public Notifications(ConsoleProperties properties, ServiceClients clients) {
        this.http = clients.client(SERVICE, properties.notificationUrl());
    }

    /**
     * A notification as notification-service words it for its reader.
     *
     * @param link the console's page of what it tells about, e.g. {@code /contracts/{id}}
     */
    public record Notification(String notificationId, String kind, String link, String subject, String text,
                               Instant occurredAt, boolean read) {
    }

    /** Newest first; {@code nextCursor} the next page's, null after the last; {@code unread} of the whole feed. */
    public record FeedPage(List<Notification> items, String nextCursor, long unread) {

        public FeedPage {
            items = items == null ? List.of() : items;
        }
    }

    public FeedPage feed(int limit, String cursor) {
        return call(() -> http.get().uri(uri -> {
            uri.path("/notifications").queryParam("limit", Math.min(limit, MAX_PAGE));
            if (cursor != null && !cursor.isBlank()) {
                uri.queryParam("cursor", cursor);
            }
            return uri.build();
        }).retrieve().body(FeedPage.class));
    }

    /** How many the person has not read: the count of an unread page of one. */
    public long unread() {
        FeedPage page = call(() -> http.get().uri("/notifications?unread=true&limit=1").retrieve().body(FeedPage.class));
        return page == null ? 0 : page.unread();
    }

    /** Marks one of the person's notifications read (again: no change); another's is a 404 {@link ServiceProblem}. */
    public Notification markRead(String notificationId) {
        return call(() -> http.post().uri("/notifications/{id}/read", notificationId).retrieve().body(Notification.class));
    }

    private static <T> T call(Supplier<T> call) {
        return ServiceClients.call(SERVICE, call);
    }
}

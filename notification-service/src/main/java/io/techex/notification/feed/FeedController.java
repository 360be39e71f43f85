package io.techex.notification.feed;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.notification.people.Recipient;
import io.techex.notification.people.Recipients;
import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.UUID;

/**
 * A person's own feed: what concerns their organisation (and, for regulators, their role), never anyone else's. The
 * first call makes the person known to the service, from their token ({@link Recipients}): the console makes it at
 * sign-in, so that e-mail reaches them from then on.
 */
@RestController
@RequestMapping("/notifications")
@Tag(name = "Feed", description = "A person's own notifications, newest first, and which of them they have read")
class FeedController {

    static final int MAX_LIMIT = 100;

    private final Recipients recipients;
    private final Feed feed;

    FeedController(Recipients recipients, Feed feed) {
        this.recipients = recipients;
        this.feed = feed;
    }

    /**
     * Newest first, {@code limit} at a time; {@code cursor} is a page's {@code nextCursor}. {@code unread=true}: only
     * those not marked read.
     */
    @Operation(summary = "Read my notifications", description = "Newest first, limit at a time; cursor is a page's "
            + "nextCursor. unread=true: only those not marked read. unread counts all the person's unread ones.")
    @GetMapping
    Feed.Page feed(@CurrentActor Actor actor, @RequestParam(defaultValue = "false") boolean unread,
                   @RequestParam(defaultValue = "20") @Min(1) @Max(MAX_LIMIT) int limit,
                   @RequestParam(required = false) String cursor) {
        return feed.page(recipients.current(actor), unread, limit, cursor);
    }

    /** Marks one of the person's notifications read (again: no change); another's is not found (404). */
    @Operation(summary = "Mark one of my notifications read", description = "Again: no change. Another person's "
            + "notification, or one that does not concern them, is not found.")
    @PostMapping("/{notificationId}/read")
    NotificationView read(@PathVariable UUID notificationId, @CurrentActor Actor actor) {
        Recipient me = recipients.current(actor);
        return feed.markRead(me, notificationId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No notification " + notificationId + " of yours"));
    }
}

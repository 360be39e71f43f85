package io.techex.notification.stream;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.notification.people.Recipients;
import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.List;

/**
 * A person's feed live, as Server-Sent Events, for the console. Only a client that asks for an event stream
 * ({@code Accept: text/event-stream}, as EventSource does) gets one; any other gets 406 rather than a response that
 * never ends.
 */
@RestController
@RequestMapping("/notifications")
@Tag(name = "Feed", description = "A person's own notifications, newest first, and which of them they have read")
class StreamController {

    private final Recipients recipients;
    private final FeedWatchers watchers;

    StreamController(Recipients recipients, FeedWatchers watchers) {
        this.recipients = recipients;
        this.watchers = watchers;
    }

    /**
     * First an event {@code feed} ({@code {"unread": n}}), then an event {@code notification} (a notification as in
     * the feed, its id the SSE id) for each new one. Reconnecting with {@code Last-Event-ID} first sends those written
     * since that one.
     */
    @Operation(summary = "Watch my feed live", description = "Server-Sent Events: first feed ({\"unread\": n}), then "
            + "notification for each new one, its id the SSE id; Last-Event-ID first sends those written since that one.")
    @ApiResponse(responseCode = "200", description = "The feed's events, until the client goes",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE))
    @ApiResponse(responseCode = "406", description = "The client does not accept text/event-stream")
    @GetMapping("/stream")
    SseEmitter stream(@CurrentActor Actor actor, @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        if (!asksForEventStream(accept)) {
            throw new ResponseStatusException(HttpStatus.NOT_ACCEPTABLE,
                    "The feed's stream is sent to clients that accept " + MediaType.TEXT_EVENT_STREAM_VALUE);
        }
        return watchers.watch(recipients.current(actor), lastEventId);
    }

    private static boolean asksForEventStream(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            List<MediaType> accepted = MediaType.parseMediaTypes(accept);
            return accepted.stream().anyMatch(type -> !type.isWildcardType() && !type.isWildcardSubtype()
                    && type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && type.getQualityValue() > 0);
        } catch (IllegalArgumentException unreadable) {
            return false;
        }
    }
}

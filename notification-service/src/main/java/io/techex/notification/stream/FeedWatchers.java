package io.techex.notification.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.contracts.EventJson;
import io.techex.notification.feed.Feed;
import io.techex.notification.feed.NotificationView;
import io.techex.notification.people.Recipient;
import io.techex.notification.people.Recipients;
import io.techex.platform.redis.PatternSubscription;
import io.techex.platform.redis.RedisKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import redis.clients.jedis.UnifiedJedis;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's live streams of people's feeds, fed across instances through Redis pub/sub. A notification is
 * published once, on its audience's channel ({@code <prefix>notification:feed:org:<id>} or {@code ...:role:<ROLE>}),
 * whichever instance wrote it; every instance listens to the pattern of all of them and sends it to the watchers it
 * holds of that audience, each in their own language and only if they have not turned the kind off. One message per
 * notification, however many people and instances watch; the per-person work is done where the person is connected.
 * <p>
 * Redis holds nothing here but messages in flight: a message lost (Redis down) is a notification that shows at the
 * watcher's next reconnection ({@code Last-Event-ID}) or next read of the feed, never one lost from the feed.
 */
@Component
public class FeedWatchers implements SmartLifecycle {

    /** A watcher reconnects after this; browsers' EventSource does so by itself, with the last id it received. */
    static final Duration WATCH_TIMEOUT = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(FeedWatchers.class);

    private record Watcher(String personId, SseEmitter emitter) {
    }

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final Recipients recipients;
    private final Feed feed;
    private final Map<String, Set<Watcher>> byAudience = new ConcurrentHashMap<>();
    private volatile PatternSubscription updates;

    FeedWatchers(UnifiedJedis redis, RedisKeys keys, Recipients recipients, Feed feed) {
        this.redis = redis;
        this.keys = keys;
        this.recipients = recipients;
        this.feed = feed;
    }

    /**
     * A stream of the person's feed: first {@code feed} with their unread count (and, after {@code lastEventId}, the
     * notifications this instance wrote since that one), then each new notification as {@code notification}, its id
     * the SSE event id. The watcher is registered before anything is read, so a notification written meanwhile
     * reaches it (at worst twice) rather than being missed.
     */
    SseEmitter watch(Recipient me, String lastEventId) {
        SseEmitter emitter = new SseEmitter(WATCH_TIMEOUT.toMillis());
        Watcher watcher = new Watcher(me.personId(), emitter);
        List<String> audiences = me.audiences();
        audiences.forEach(audience -> byAudience.computeIfAbsent(audience, key -> ConcurrentHashMap.newKeySet()).add(watcher));
        Runnable remove = () -> audiences.forEach(audience -> {
            Set<Watcher> watchers = byAudience.get(audience);
            if (watchers != null) {
                watchers.remove(watcher);
            }
        });
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        send(emitter, "feed", null, Map.of("unread", feed.unread(me)));
        resumedAfter(lastEventId).flatMap(feed::seqOf).ifPresent(seq -> feed.writtenAfter(me, seq)
                .forEach(entry -> send(emitter, "notification", entry.view().notificationId().toString(), entry.view())));
        return emitter;
    }

    private static Optional<UUID> resumedAfter(String lastEventId) {
        try {
            return lastEventId == null || lastEventId.isBlank() ? Optional.empty() : Optional.of(UUID.fromString(lastEventId.strip()));
        } catch (IllegalArgumentException notOurs) {
            // an id this stream never sent: the client starts afresh, as without one
            return Optional.empty();
        }
    }

    /** Tells every instance's watchers of {@code audience}; without Redis, this instance's at least. */
    void publish(String audience, UUID notificationId) {
        try {
            redis.publish(keys.key("notification", "feed", audience), notificationId.toString());
        } catch (RuntimeException unavailable) {
            log.debug("Notification {} not published to Redis, told to this instance's watchers only: {}", notificationId,
                    unavailable.getMessage());
            deliver(audience, notificationId.toString());
        }
    }

    private void deliver(String audience, String message) {
        Set<Watcher> watchers = byAudience.get(audience);
        if (watchers == null || watchers.isEmpty()) {
            return;
        }
        UUID notificationId;
        try {
            notificationId = UUID.fromString(message);
        } catch (IllegalArgumentException unreadable) {
            log.warn("Unreadable feed update for {}: {}", audience, message);
            return;
        }
        for (Watcher watcher : watchers) {
            try {
                recipients.find(watcher.personId()).flatMap(me -> feed.find(me, notificationId))
                        .ifPresent(view -> send(watcher.emitter(), "notification", view.notificationId().toString(), view));
            } catch (RuntimeException failed) {
                log.warn("Notification {} not streamed to {}: {}", notificationId, watcher.personId(), failed.getMessage());
            }
        }
    }

    private static void send(SseEmitter emitter, String name, String id, Object data) {
        try {
            SseEmitter.SseEventBuilder event = id == null ? SseEmitter.event() : SseEmitter.event().id(id);
            emitter.send(event.name(name).data(EventJson.mapper().writeValueAsString(data), MediaType.APPLICATION_JSON));
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("a notification that does not write as JSON", unwritable);
        } catch (IOException | IllegalStateException gone) {
            // the watcher went away; the emitter's callbacks remove it
            emitter.completeWithError(gone);
        }
    }

    @Override
    public void start() {
        updates = PatternSubscription.open(redis, keys.key("notification", "feed", "*"), "feed-updates", this::fromOtherInstances);
    }

    @Override
    public void stop() {
        if (updates != null) {
            updates.close();
        }
        byAudience.values().forEach(watchers -> watchers.forEach(watcher -> watcher.emitter().complete()));
        byAudience.clear();
    }

    @Override
    public boolean isRunning() {
        return updates != null && updates.isOpen();
    }

    /** Whether this instance's subscription to the feed channels is live. */
    boolean subscribed() {
        PatternSubscription current = updates;
        return current != null && current.isSubscribed();
    }

    private void fromOtherInstances(String channel, String message) {
        String prefix = keys.prefix() + "notification:feed:";
        if (channel.startsWith(prefix)) {
            deliver(channel.substring(prefix.length()), message);
        }
    }
}

package io.techex.bidding.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.contracts.EventJson;
import io.techex.platform.redis.PatternSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import redis.clients.jedis.UnifiedJedis;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This instance's SSE watchers of live boards, and its one Redis subscription (a pattern over every auction's update
 * channel of the namespace) that feeds them. Every instance subscribes, so an update published by whichever instance
 * handled the auction's event reaches every watcher, wherever it is connected. Without Redis the subscription retries
 * every few seconds; watchers keep their connection and get the board they were first sent.
 */
@Component
class BoardWatchers implements SmartLifecycle {

    /** A watcher reconnects after this; browsers' EventSource does so by itself. */
    static final Duration WATCH_TIMEOUT = Duration.ofMinutes(30);
    private static final Logger log = LoggerFactory.getLogger(BoardWatchers.class);

    private final UnifiedJedis redis;
    private final LiveBoards boards;
    private final Clock clock;
    private final Map<String, Set<SseEmitter>> watchers = new ConcurrentHashMap<>();
    private volatile PatternSubscription updates;

    BoardWatchers(UnifiedJedis redis, LiveBoards boards, Clock clock) {
        this.redis = redis;
        this.boards = boards;
        this.clock = clock;
    }

    /**
     * Sends the auction's board at once and every change after it, until the watcher goes or the emitter times out;
     * empty for an auction nobody knows. The watcher is registered before the board is read, so a change published
     * in between reaches it (at worst a board twice) rather than being missed.
     */
    Optional<SseEmitter> watch(String auctionId) {
        SseEmitter emitter = new SseEmitter(WATCH_TIMEOUT.toMillis());
        Set<SseEmitter> ofAuction = watchers.computeIfAbsent(auctionId, id -> ConcurrentHashMap.newKeySet());
        ofAuction.add(emitter);
        Runnable remove = () -> ofAuction.remove(emitter);
        emitter.onCompletion(remove);
        emitter.onTimeout(remove);
        emitter.onError(error -> remove.run());
        Optional<Board> board = boards.get(auctionId);
        if (board.isEmpty()) {
            remove.run();
            return Optional.empty();
        }
        send(emitter, board.get());
        return Optional.of(emitter);
    }

    private void deliver(String channel, String json) {
        String auctionId = channel.substring(channel.lastIndexOf(':') + 1);
        Set<SseEmitter> ofAuction = watchers.get(auctionId);
        if (ofAuction == null || ofAuction.isEmpty()) {
            return;
        }
        Board board;
        try {
            board = EventJson.mapper().readValue(json, Board.class);
        } catch (JsonProcessingException unreadable) {
            log.warn("Unreadable board update on {}: {}", channel, unreadable.getMessage());
            return;
        }
        ofAuction.forEach(emitter -> send(emitter, board));
    }

    private void send(SseEmitter emitter, Board board) {
        try {
            emitter.send(SseEmitter.event().name("board")
                    .data(EventJson.mapper().writeValueAsString(board.at(clock.instant())), MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException gone) {
            // the watcher went away; the emitter's callbacks remove it
            try {
                emitter.completeWithError(gone);
            } catch (RuntimeException alreadyFailed) {
                // Tomcat refuses when the request already failed ("A non-container thread attempted to use the
                // AsyncContext after an error"); caught here so the watchers after this one still get the board
                log.debug("Watcher of a board already gone: {}", alreadyFailed.getMessage());
            }
        }
    }

    @Override
    public void start() {
        updates = PatternSubscription.open(redis, boards.updatesPattern(), "board-updates", this::deliver);
    }

    @Override
    public void stop() {
        if (updates != null) {
            updates.close();
        }
        watchers.values().forEach(set -> set.forEach(SseEmitter::complete));
        watchers.clear();
    }

    @Override
    public boolean isRunning() {
        return updates != null && updates.isOpen();
    }

    /** Whether this instance's subscription to the update channels is live. */
    boolean subscribed() {
        PatternSubscription current = updates;
        return current != null && current.isSubscribed();
    }
}

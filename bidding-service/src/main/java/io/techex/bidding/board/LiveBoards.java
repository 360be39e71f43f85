package io.techex.bidding.board;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.techex.bidding.auction.AuctionViewChanges;
import io.techex.contracts.EventJson;
import io.techex.platform.redis.RedisKeys;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The live boards in Redis: {@code <prefix>bidding:board:<auctionId>} holds an auction's {@link Board} as JSON, and
 * every change is published on the channel {@code <prefix>bidding:board-updates:<auctionId>}, which each instance's
 * {@link BoardWatchers} listens to and passes to its own SSE watchers. So a bid taken on one instance reaches watchers
 * on every instance, and only the instance whose event processor handled the event writes and publishes.
 *
 * <p>Redis is only a cache. A board missing from it (lost, flushed, expired) is rebuilt from the PostgreSQL projection
 * on the next read; with Redis down, reads come from PostgreSQL and watchers get no live updates, while bids, which
 * never touch a board, go on. Boards expire after {@link #TTL} without a change, which bounds how long a board can stay
 * stale when an update was lost with Redis unreachable.
 */
@Component
public class LiveBoards implements AuctionViewChanges {

    static final Duration TTL = Duration.ofMinutes(10);
    private static final String CHANGED = LiveBoards.class.getName() + ".changed";
    private static final Logger log = LoggerFactory.getLogger(LiveBoards.class);

    private final UnifiedJedis redis;
    private final RedisKeys keys;
    private final BoardSource source;

    LiveBoards(UnifiedJedis redis, RedisKeys keys, BoardSource source) {
        this.redis = redis;
        this.keys = keys;
        this.source = source;
    }

    /** The board, from Redis, or rebuilt from PostgreSQL (and cached again) when Redis has none. */
    public Optional<Board> get(String auctionId) {
        try {
            String cached = redis.get(boardKey(auctionId));
            if (cached != null) {
                return Optional.of(EventJson.mapper().readValue(cached, Board.class));
            }
        } catch (RuntimeException | JsonProcessingException unavailable) {
            log.debug("Board {} not read from Redis, building it from PostgreSQL: {}", auctionId, unavailable.getMessage());
        }
        Optional<Board> board = source.load(auctionId);
        board.ifPresent(this::store);
        return board;
    }

    /**
     * An auction's projection changed: called by the projections in their event-handling transaction. The board is
     * built, cached and published once that transaction has committed, from the committed rows, once per auction and
     * batch however many of its events the batch held (Axon runs after-commit callbacks in reverse order, so boards
     * built event by event would be published newest first). A rolled-back batch publishes nothing; a replayed one
     * publishes the board as it is, which watchers take as it is.
     */
    @Override
    public void changed(String auctionId) {
        if (!CurrentUnitOfWork.isStarted()) {
            refresh(auctionId);
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        Set<String> changed = batch.getOrComputeResource(CHANGED, key -> {
            Set<String> auctionIds = new LinkedHashSet<>();
            batch.afterCommit(unitOfWork -> auctionIds.forEach(this::refresh));
            return auctionIds;
        });
        changed.add(auctionId);
    }

    private void refresh(String auctionId) {
        try {
            source.load(auctionId).ifPresent(this::publish);
        } catch (RuntimeException failed) {
            // the events are committed either way; the board catches up with the next change or on a miss
            log.warn("Board {} not refreshed: {}", auctionId, failed.getMessage());
        }
    }

    String boardKey(String auctionId) {
        return keys.key("bidding", "board", auctionId);
    }

    String updatesChannel(String auctionId) {
        return keys.key("bidding", "board-updates", auctionId);
    }

    /** The pattern matching every auction's channel of this namespace. */
    String updatesPattern() {
        return keys.key("bidding", "board-updates", "*");
    }

    private void publish(Board board) {
        String json = store(board);
        if (json == null) {
            return;
        }
        try {
            redis.publish(updatesChannel(board.auctionId()), json);
        } catch (RuntimeException unavailable) {
            log.warn("Board {} not published, Redis unavailable: {}", board.auctionId(), unavailable.getMessage());
        }
    }

    /** @return the board's JSON, or null when Redis did not take it */
    private String store(Board board) {
        try {
            String json = EventJson.mapper().writeValueAsString(board);
            redis.set(boardKey(board.auctionId()), json, SetParams.setParams().ex(TTL.toSeconds()));
            return json;
        } catch (RuntimeException | JsonProcessingException unavailable) {
            log.warn("Board {} not cached, Redis unavailable: {}", board.auctionId(), unavailable.getMessage());
            return null;
        }
    }
}

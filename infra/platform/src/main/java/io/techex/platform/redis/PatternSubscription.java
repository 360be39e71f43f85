package io.techex.platform.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A subscription to a Redis channel pattern, held open on a daemon thread of its own, for what one instance tells the
 * others (a live board moved, a feed has news). Jedis blocks the subscribing thread and returns when the connection
 * drops, so while Redis is away the subscription is tried again every two seconds: updates from other instances
 * resume by themselves when it is back, and in the meantime each instance still serves its own watchers.
 * <p>
 * The listener's failures stay here. Jedis subscribes on a connection borrowed from the client's pool; an exception
 * out of a message callback ends its subscription loop and hands the connection back to the pool still subscribed,
 * after which whatever command borrows it fails ("ERR Can't execute 'set'") or reads stray messages.
 */
public final class PatternSubscription {

    /** What to do with one message; runs on the subscription's thread, so it should not block for long. */
    @FunctionalInterface
    public interface Listener {
        void onMessage(String channel, String message);
    }

    private static final Logger log = LoggerFactory.getLogger(PatternSubscription.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final String name;
    private final Listener listener;
    private final JedisPubSub subscriber = new Guarded();
    private final CountDownLatch open = new CountDownLatch(1);

    private PatternSubscription(String name, Listener listener) {
        this.name = name;
        this.listener = listener;
    }

    /** Subscribes {@code listener} to {@code pattern} on a daemon thread named {@code name}, until {@link #close()}. */
    public static PatternSubscription open(UnifiedJedis redis, String pattern, String name, Listener listener) {
        PatternSubscription subscription = new PatternSubscription(name, listener);
        Thread.ofPlatform().name(name).daemon().start(() -> subscription.hold(redis, pattern));
        return subscription;
    }

    private void hold(UnifiedJedis redis, String pattern) {
        while (isOpen()) {
            try {
                redis.psubscribe(subscriber, pattern);
            } catch (RuntimeException unavailable) {
                log.warn("{} from other instances paused, Redis unavailable: {}", name, unavailable.getMessage());
            }
            try {
                open.await(RETRY.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Until closed, even while Redis is away. */
    public boolean isOpen() {
        return open.getCount() > 0;
    }

    /** Whether Redis is listening for this subscription right now. */
    public boolean isSubscribed() {
        return subscriber.isSubscribed();
    }

    public void close() {
        open.countDown();
        if (subscriber.isSubscribed()) {
            subscriber.punsubscribe();
        }
    }

    private final class Guarded extends JedisPubSub {
        @Override
        public void onPMessage(String pattern, String channel, String message) {
            try {
                listener.onMessage(channel, message);
            } catch (RuntimeException failed) {
                log.warn("{}: a message on {} not handled: {}", name, channel, failed.toString());
            }
        }
    }
}

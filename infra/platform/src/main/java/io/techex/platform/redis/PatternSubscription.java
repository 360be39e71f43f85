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
 */
public final class PatternSubscription {

    private static final Logger log = LoggerFactory.getLogger(PatternSubscription.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final JedisPubSub subscriber;
    private final CountDownLatch open = new CountDownLatch(1);

    private PatternSubscription(JedisPubSub subscriber) {
        this.subscriber = subscriber;
    }

    /** Subscribes {@code subscriber} to {@code pattern} on a daemon thread named {@code name}, until {@link #close()}. */
    public static PatternSubscription open(UnifiedJedis redis, JedisPubSub subscriber, String pattern, String name) {
        PatternSubscription subscription = new PatternSubscription(subscriber);
        Thread.ofPlatform().name(name).daemon().start(() -> subscription.hold(redis, pattern, name));
        return subscription;
    }

    private void hold(UnifiedJedis redis, String pattern, String name) {
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

    /** Until closed; whether Redis is listening right now is {@link JedisPubSub#isSubscribed()}. */
    public boolean isOpen() {
        return open.getCount() > 0;
    }

    public void close() {
        open.countDown();
        if (subscriber.isSubscribed()) {
            subscriber.punsubscribe();
        }
    }
}

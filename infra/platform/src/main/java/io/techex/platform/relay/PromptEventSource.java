package io.techex.platform.relay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The event store as the relay's source, with streams that say when events arrive.
 * <p>
 * A pooled streaming processor's coordinator asks its stream to call back when events become available; a stream that
 * cannot (the {@code EmbeddedEventStore}'s, over JDBC, cannot) makes the coordinator look again only every 500 ms
 * once it has caught up (Axon 4.13's {@code Coordinator}, hard-coded). Every event then waited for that poll: 0–500 ms,
 * about 250 ms on average, whatever the load. Here each stream has a thread of its own that blocks on the store's
 * stream (which the store wakes as soon as a commit in this JVM lands, and polls every second for other instances'
 * commits) and hands the events over through a small buffer, calling the coordinator back for each one.
 * <p>
 * Nothing else changes: the events, their order and tokens are the store's, the processor still decides what to
 * handle and when its token moves, and a failure of the store's stream reaches the coordinator as it did before, which
 * then closes the stream and opens a new one.
 */
public class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** As many events as a work package buffers: the coordinator never takes more in one go. */
    static final int BUFFER = 1024;

    private final Supplier<? extends StreamableMessageSource<TrackedEventMessage<?>>> store;
    private final ThreadFactory readers;

    /** {@code store} is looked up when first used, since Axon builds its event store after this bean. */
    public PromptEventSource(Supplier<? extends StreamableMessageSource<TrackedEventMessage<?>>> store, String name) {
        this.store = store;
        this.readers = Thread.ofPlatform().daemon().name(name + "-reader-", 0).factory();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new PromptStream(store.get().openStream(trackingToken), BUFFER, readers);
    }

    @Override
    public TrackingToken createTailToken() {
        return store.get().createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return store.get().createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return store.get().createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return store.get().createTokenSince(duration);
    }

    /**
     * A stream read ahead by a thread of its own. The underlying stream is only ever touched by that thread (it is not
     * meant for two); the coordinator's thread takes from the buffer.
     */
    static final class PromptStream implements BlockingStream<TrackedEventMessage<?>> {

        private static final Logger log = LoggerFactory.getLogger(PromptStream.class);
        private static final Runnable NOBODY = () -> {
        };

        private final BlockingStream<TrackedEventMessage<?>> source;
        private final BlockingQueue<TrackedEventMessage<?>> buffer;
        private final Thread reader;
        private volatile Runnable onAvailable = NOBODY;
        private volatile RuntimeException failure;
        private volatile boolean closed;
        /** The next event, taken from the buffer but not yet from this stream (coordinator's thread only). */
        private TrackedEventMessage<?> next;

        PromptStream(BlockingStream<TrackedEventMessage<?>> source, int capacity, ThreadFactory readers) {
            this.source = source;
            this.buffer = new ArrayBlockingQueue<>(capacity);
            this.reader = readers.newThread(this::read);
            this.reader.start();
        }

        private void read() {
            try {
                while (!closed) {
                    // wakes at once when the store has an event for it; the timeout only lets a closed stream end
                    if (source.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        buffer.put(source.nextAvailable());
                        signal();
                    }
                }
            } catch (InterruptedException closing) {
                // closed while waiting
            } catch (RuntimeException | Error e) {
                if (!closed) {
                    failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                    signal();
                }
            } finally {
                source.close();
            }
        }

        /** A coordinator that cannot be called (its executor shut down, say) still looks every few seconds. */
        private void signal() {
            try {
                onAvailable.run();
            } catch (RuntimeException e) {
                log.debug("Could not tell the coordinator that events are available: {}", e.toString());
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (next == null) {
                next = buffer.poll();
            }
            return Optional.ofNullable(next);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (next == null) {
                next = timeout > 0 ? buffer.poll(timeout, unit) : buffer.poll();
            }
            if (next == null && failure != null) {
                throw failure;
            }
            return next != null;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                if (closed) {
                    throw new IllegalStateException("The stream is closed");
                }
            }
            TrackedEventMessage<?> event = next;
            next = null;
            return event;
        }

        /** Called back at once if events are waiting already, then whenever one arrives. */
        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            onAvailable = callback;
            if (!buffer.isEmpty() || failure != null) {
                callback.run();
            }
            return true;
        }

        /**
         * Not passed on: the store's stream ignores the hint anyway (the {@code EmbeddedEventStore} does), and the
         * underlying stream belongs to the reader's thread.
         */
        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
        }

        /** Stops the reader, which then closes the store's stream. */
        @Override
        public void close() {
            closed = true;
            onAvailable = NOBODY;
            reader.interrupt();
            buffer.clear();
            next = null;
        }
    }
}

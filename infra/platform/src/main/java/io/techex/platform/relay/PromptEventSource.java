package io.techex.platform.relay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The event store as the relay's source, with streams that say when events arrive and that hand a backlog over in
 * groups.
 * <p>
 * <b>Prompt.</b> A pooled streaming processor's coordinator asks its stream to call back when events become available;
 * a stream that cannot (the {@code EmbeddedEventStore}'s, over JDBC, cannot) makes the coordinator look again only
 * every 500 ms once it has caught up (Axon 4.13's {@code Coordinator}, hard-coded). Every event then waited for that
 * poll: 0–500 ms, about 250 ms on average, whatever the load. Here each stream has a thread of its own that blocks on
 * the store's stream (which the store wakes as soon as a commit in this JVM lands, and polls every second for other
 * instances' commits) and hands the events over through a small buffer, calling the coordinator back when it does.
 * <p>
 * <b>Grouped.</b> The coordinator gives every event to every work package (one per segment), each of which queues it
 * and skips those of other segments when it runs; once any queue holds {@value #WORK_PACKAGE_QUEUE} entries the
 * coordinator stops and looks again only after 100 ms (hard-coded too). Draining a backlog one event per entry, four
 * segments' work packages held about 256 events each of their own, a batch or so, and the relay spent much of its time
 * in those 100 ms pauses. Events that share a token are one entry (that is how Axon keeps the events an upcaster made
 * of one stored event together), so when events are waiting the reader hands up to {@value #GROUP} consecutive ones
 * over as one group carrying the last one's token. The group is in one batch (a work package never splits an entry),
 * so the token that batch stores covers all of them, and a retried batch sends all of them again: nothing is skipped
 * and the per-asset order is the store's.
 * <p>
 * A group must not straddle a position a work package has already reached, or the work package would take the whole
 * group and send its earlier events a second time. So events at or below every position the relay may hold already (the
 * processor's stored tokens when the stream opens, {@code delivered}, and whatever earlier streams of this source
 * handed over) go one by one, as before, and are skipped or handled each on its own; only events past all of them are
 * grouped. A segment claimed later from another instance at a position beyond this stream can still see a group
 * straddle it, and then re-sends up to a group's worth of events; consumers drop a repeated CloudEvent id, as they do
 * after any retried batch.
 * <p>
 * Nothing else changes: the events and their order are the store's, the processor still decides what to handle and
 * when its token moves, and a failure of the store's stream reaches the coordinator as it did before, which then closes
 * the stream and opens a new one.
 */
public class PromptEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** Entries of a work package's queue at which Axon's coordinator pauses ({@code WorkPackage.BUFFER_SIZE}). */
    static final int WORK_PACKAGE_QUEUE = 1024;

    /**
     * Events handed over as one entry at most. The work packages' queues then hold up to {@code 1024 × 4} events (the
     * same events, shared, not copied): for four segments about two batches of 500 each, so a work package has work
     * through the coordinator's 100 ms pause; more would only keep more events alive for the garbage collector to copy.
     */
    static final int GROUP = 4;

    /** Events read ahead of the coordinator, at most. */
    static final int BUFFER = 1024;

    private static final Logger log = LoggerFactory.getLogger(PromptEventSource.class);

    private final Supplier<? extends StreamableMessageSource<TrackedEventMessage<?>>> store;
    private final Supplier<TrackingToken> delivered;
    private final Consumer<TrackedEventMessage<?>> prepare;
    private final ThreadFactory readers;
    /** The furthest position any stream of this source has handed over (an upper bound), or null before the first. */
    private final AtomicReference<TrackingToken> handedOver = new AtomicReference<>();

    /**
     * @param store     looked up when first used, since Axon builds its event store after this bean
     * @param name      the processor's, for the reader threads' names
     * @param delivered an upper bound of the positions the processor's segments have stored (null when none has one);
     *                  asked each time a stream opens. If it fails, that stream groups nothing.
     * @param prepare   done on the reader's thread to each event before the coordinator sees it, e.g. deserializing
     *                  what the coordinator and the handlers will read; a failure is left for them to meet
     */
    public PromptEventSource(Supplier<? extends StreamableMessageSource<TrackedEventMessage<?>>> store, String name,
                             Supplier<TrackingToken> delivered, Consumer<TrackedEventMessage<?>> prepare) {
        this.store = store;
        this.delivered = delivered;
        this.prepare = prepare;
        this.readers = Thread.ofPlatform().daemon().name(name + "-reader-", 0).factory();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        Horizon horizon;
        try {
            horizon = Horizon.beyond(upperBound(delivered.get(), handedOver.get()));
        } catch (RuntimeException e) {
            log.debug("Cannot tell how far the relay's segments are; this stream hands events over one by one: {}",
                    e.toString());
            horizon = Horizon.NOWHERE;
        }
        return new PromptStream(store.get().openStream(trackingToken), horizon, prepare,
                token -> handedOver.accumulateAndGet(token, PromptEventSource::upperBound), readers);
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

    static TrackingToken upperBound(TrackingToken a, TrackingToken b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a.upperBound(b);
    }

    /** Where grouping may start: events this token covers go one by one. */
    record Horizon(TrackingToken covered, boolean never) {

        static final Horizon NOWHERE = new Horizon(null, true);

        static Horizon beyond(TrackingToken covered) {
            return new Horizon(covered, false);
        }

        boolean groupable(TrackedEventMessage<?> event) {
            return !never && (covered == null || !covered.covers(event.trackingToken()));
        }
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
        private final Horizon horizon;
        private final Consumer<TrackedEventMessage<?>> prepare;
        private final Consumer<TrackingToken> handedOver;
        private final BlockingQueue<List<TrackedEventMessage<?>>> buffer;
        private final Thread reader;
        private volatile Runnable onAvailable = NOBODY;
        private volatile RuntimeException failure;
        private volatile boolean closed;
        /** The group being taken from, and the index of its next event (coordinator's thread only). */
        private List<TrackedEventMessage<?>> group = List.of();
        private int next;

        PromptStream(BlockingStream<TrackedEventMessage<?>> source, Horizon horizon,
                     Consumer<TrackedEventMessage<?>> prepare, Consumer<TrackingToken> handedOver, ThreadFactory readers) {
            this.source = source;
            this.horizon = horizon;
            this.prepare = prepare;
            this.handedOver = handedOver;
            this.buffer = new ArrayBlockingQueue<>(BUFFER / GROUP);
            this.reader = readers.newThread(this::read);
            this.reader.start();
        }

        private void read() {
            try {
                while (!closed) {
                    // wakes at once when the store has an event for it; the timeout only lets a closed stream end
                    if (source.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        List<TrackedEventMessage<?>> events = nextGroup();
                        TrackingToken token = events.getLast().trackingToken();
                        events.replaceAll(event -> event.trackingToken() == token ? event : event.withTrackingToken(token));
                        handedOver.accept(token);
                        buffer.put(events);
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

        /**
         * The next event, with those after it that are there already (up to {@link #GROUP}) if it is past the horizon,
         * and in any case the ones that share its token: an entry the coordinator takes whole.
         */
        private List<TrackedEventMessage<?>> nextGroup() throws InterruptedException {
            List<TrackedEventMessage<?>> events = new ArrayList<>();
            TrackedEventMessage<?> event = take();
            events.add(event);
            if (horizon.groupable(event)) {
                while (events.size() < GROUP && source.hasNextAvailable(0, TimeUnit.MILLISECONDS)
                        && horizon.groupable(source.peek().orElseThrow())) {
                    events.add(take());
                }
            }
            TrackingToken last = events.getLast().trackingToken();
            while (source.hasNextAvailable(0, TimeUnit.MILLISECONDS)
                    && Objects.equals(last, source.peek().orElseThrow().trackingToken())) {
                events.add(take());
            }
            return events;
        }

        private TrackedEventMessage<?> take() throws InterruptedException {
            TrackedEventMessage<?> event = source.nextAvailable();
            try {
                prepare.accept(event);
            } catch (RuntimeException e) {
                log.debug("Could not prepare event {}; the processor will meet the problem itself: {}",
                        event.getIdentifier(), e.toString());
            }
            return event;
        }

        /** A coordinator that cannot be called (its executor shut down, say) still looks every few seconds. */
        private void signal() {
            try {
                onAvailable.run();
            } catch (RuntimeException e) {
                log.debug("Could not tell the coordinator that events are available: {}", e.toString());
            }
        }

        /** True if an event is ready, taking the next group from the buffer if this one is used up. */
        private boolean ready(long timeout, TimeUnit unit) throws InterruptedException {
            if (next < group.size()) {
                return true;
            }
            List<TrackedEventMessage<?>> taken = timeout > 0 ? buffer.poll(timeout, unit) : buffer.poll();
            if (taken == null) {
                return false;
            }
            group = taken;
            next = 0;
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            try {
                return ready(0, TimeUnit.MILLISECONDS) ? Optional.of(group.get(next)) : Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (ready(timeout, unit)) {
                return true;
            }
            if (failure != null) {
                throw failure;
            }
            return false;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                if (closed) {
                    throw new IllegalStateException("The stream is closed");
                }
            }
            return group.get(next++);
        }

        /** Called back at once if events are waiting already, then whenever more arrive. */
        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            onAvailable = callback;
            if (next < group.size() || !buffer.isEmpty() || failure != null) {
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
            group = List.of();
            next = 0;
        }
    }
}

package io.techex.platform.relay;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the relay's coordinator sees through {@link PromptEventSource}: the store's events in the store's order, a
 * backlog in groups of up to {@value PromptEventSource#GROUP} that carry their last event's token (one entry for
 * Axon's work packages), nothing grouped at or below a position the relay's segments may have reached already, and
 * events that share a token always together. The store is an in-memory stream here; {@code KafkaRelayTest} runs the
 * source under Axon's pooled processor on PostgreSQL and Kafka.
 */
class PromptEventSourceTest {

    private final List<BlockingStream<TrackedEventMessage<?>>> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(BlockingStream::close);
    }

    @Test
    void aBacklogIsHandedOverInGroupsThatCarryTheirLastEventsToken() throws Exception {
        Store store = new Store(events(1, 10));
        BlockingStream<TrackedEventMessage<?>> stream = open(new PromptEventSource(() -> store, "test", () -> null, event -> {
        }), null);

        List<TrackedEventMessage<?>> taken = takeAll(stream, 10);

        assertThat(identifiers(taken)).containsExactly("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "e10");
        assertThat(positions(taken)).containsExactly(4L, 4L, 4L, 4L, 8L, 8L, 8L, 8L, 10L, 10L);
    }

    @Test
    void theCoordinatorSeesTheRestOfAGroupWithoutWaiting() throws Exception {
        Store store = new Store(events(1, 4));
        BlockingStream<TrackedEventMessage<?>> stream = open(new PromptEventSource(() -> store, "test", () -> null, event -> {
        }), null);
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.peek().isPresent());

        TrackedEventMessage<?> first = stream.nextAvailable();
        // Axon's coordinator peeks, without waiting, for more events with the token it just scheduled
        for (int next = 2; next <= 4; next++) {
            Optional<TrackedEventMessage<?>> peeked = stream.peek();
            assertThat(peeked).hasValueSatisfying(event -> assertThat(event.trackingToken()).isEqualTo(first.trackingToken()));
            assertThat(stream.nextAvailable().getIdentifier()).isEqualTo("e" + next);
        }
        assertThat(stream.hasNextAvailable()).isFalse();
    }

    @Test
    void eventsAtOrBelowWhereTheSegmentsAreGoOneByOne() throws Exception {
        Store store = new Store(events(1, 11));
        BlockingStream<TrackedEventMessage<?>> stream = open(new PromptEventSource(() -> store, "test", () -> token(5), event -> {
        }), null);

        List<TrackedEventMessage<?>> taken = takeAll(stream, 11);

        assertThat(positions(taken)).containsExactly(1L, 2L, 3L, 4L, 5L, 9L, 9L, 9L, 9L, 11L, 11L);
    }

    @Test
    void aStreamOpenedBehindWhatAnEarlierOneHandedOverGroupsOnlyBeyondIt() throws Exception {
        Store store = new Store(events(1, 10));
        PromptEventSource source = new PromptEventSource(() -> store, "test", () -> token(2), event -> {
        });
        BlockingStream<TrackedEventMessage<?>> first = open(source, token(2));
        assertThat(positions(takeAll(first, 8))).containsExactly(6L, 6L, 6L, 6L, 10L, 10L, 10L, 10L);
        first.close();
        store.add(event("e11", 11));
        store.add(event("e12", 12));

        // a segment failed at position 2 and is claimed again: the healthy ones have been handed up to 10 already
        BlockingStream<TrackedEventMessage<?>> second = open(source, token(2));
        assertThat(positions(takeAll(second, 10))).containsExactly(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 12L, 12L);
    }

    @Test
    void eventsThatShareATokenStayTogetherWhereverAGroupWouldEnd() throws Exception {
        List<TrackedEventMessage<?>> events = new ArrayList<>(events(1, 3));
        // one stored event that an upcaster made into two: same token
        events.add(event("e4a", 4));
        events.add(event("e4b", 4));
        events.addAll(events(5, 6));
        events.add(event("e7a", 7));
        events.add(event("e7b", 7));
        Store store = new Store(events);
        BlockingStream<TrackedEventMessage<?>> stream = open(new PromptEventSource(() -> store, "test", () -> token(6), event -> {
        }), null);

        List<TrackedEventMessage<?>> taken = takeAll(stream, 9);

        assertThat(identifiers(taken)).containsExactly("e1", "e2", "e3", "e4a", "e4b", "e5", "e6", "e7a", "e7b");
        assertThat(positions(taken)).containsExactly(1L, 2L, 3L, 4L, 4L, 5L, 6L, 7L, 7L);
    }

    @Test
    void aGroupAtItsLimitStillTakesTheEventsThatShareItsLastToken() throws Exception {
        List<TrackedEventMessage<?>> events = new ArrayList<>(events(1, 3));
        events.add(event("e4a", 4));
        events.add(event("e4b", 4));
        events.add(event("e4c", 4));
        events.addAll(events(5, 5));
        Store store = new Store(events);
        BlockingStream<TrackedEventMessage<?>> stream = open(new PromptEventSource(() -> store, "test", () -> null, event -> {
        }), null);

        List<TrackedEventMessage<?>> taken = takeAll(stream, 7);

        assertThat(identifiers(taken)).containsExactly("e1", "e2", "e3", "e4a", "e4b", "e4c", "e5");
        assertThat(positions(taken)).containsExactly(4L, 4L, 4L, 4L, 4L, 4L, 5L);
    }

    @Test
    void whenTheSegmentsPositionsCannotBeReadNothingIsGrouped() throws Exception {
        Store store = new Store(events(1, 6));
        Supplier<TrackingToken> unreadable = () -> {
            throw new IllegalStateException("token store unreachable");
        };
        BlockingStream<TrackedEventMessage<?>> stream = open(new PromptEventSource(() -> store, "test", unreadable, event -> {
        }), null);

        assertThat(positions(takeAll(stream, 6))).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void eventsArePreparedOnTheReadersThreadAndAFailedPreparationIsLeftToTheProcessor() throws Exception {
        Store store = new Store(events(1, 5));
        List<String> preparedOn = new CopyOnWriteArrayList<>();
        Consumer<TrackedEventMessage<?>> prepare = event -> {
            preparedOn.add(Thread.currentThread().getName());
            if (event.getIdentifier().equals("e3")) {
                throw new IllegalStateException("cannot deserialize e3");
            }
        };
        BlockingStream<TrackedEventMessage<?>> stream = open(new PromptEventSource(() -> store, "relay", () -> null, prepare), null);

        assertThat(identifiers(takeAll(stream, 5))).containsExactly("e1", "e2", "e3", "e4", "e5");
        assertThat(preparedOn).hasSize(5).allSatisfy(thread -> assertThat(thread).startsWith("relay-reader-"));
    }

    @Test
    void theCoordinatorIsCalledBackWhenEventsArriveAndMeetsAFailureOfTheStoreAfterTheEventsBeforeIt() throws Exception {
        Store store = new Store(List.of());
        BlockingStream<TrackedEventMessage<?>> stream = open(new PromptEventSource(() -> store, "test", () -> null, event -> {
        }), null);
        AtomicInteger calls = new AtomicInteger();
        assertThat(stream.setOnAvailableCallback(calls::incrementAndGet)).isTrue();
        assertThat(calls).hasValue(0);

        store.add(event("e1", 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() > 0);
        store.fail(new IllegalStateException("connection lost"));

        assertThat(stream.nextAvailable().getIdentifier()).isEqualTo("e1");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThatThrownBy(() -> stream.hasNextAvailable(10, TimeUnit.MILLISECONDS)).hasMessage("connection lost"));
    }

    private BlockingStream<TrackedEventMessage<?>> open(PromptEventSource source, TrackingToken from) {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(from);
        opened.add(stream);
        return stream;
    }

    /** Waits until {@code count} events were taken, as the coordinator takes them (it only looks when called back). */
    private static List<TrackedEventMessage<?>> takeAll(BlockingStream<TrackedEventMessage<?>> stream, int count)
            throws InterruptedException {
        List<TrackedEventMessage<?>> taken = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (taken.size() < count && System.nanoTime() < deadline) {
            if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                taken.add(stream.nextAvailable());
            }
        }
        return taken;
    }

    private static List<String> identifiers(List<TrackedEventMessage<?>> events) {
        return events.stream().map(TrackedEventMessage::getIdentifier).toList();
    }

    private static List<Long> positions(List<TrackedEventMessage<?>> events) {
        return events.stream().map(event -> event.trackingToken().position().orElseThrow()).toList();
    }

    private static List<TrackedEventMessage<?>> events(int from, int to) {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        for (int position = from; position <= to; position++) {
            events.add(event("e" + position, position));
        }
        return events;
    }

    private static TrackedEventMessage<?> event(String id, long position) {
        return new GenericTrackedDomainEventMessage<>(token(position),
                new GenericDomainEventMessage<>("Asset", "asset-" + position, 0, "payload of " + id, Collections.emptyMap(),
                        id, java.time.Instant.now()));
    }

    private static TrackingToken token(long position) {
        return GapAwareTrackingToken.newInstance(position, Set.of());
    }

    /**
     * The event store in memory: one stream over its events from a token on, blocking while there are no more, as
     * the store's own streams do. Events may be added, and the stream made to fail, while a reader waits.
     */
    private static final class Store implements StreamableMessageSource<TrackedEventMessage<?>> {

        private final List<TrackedEventMessage<?>> events = new CopyOnWriteArrayList<>();
        private final BlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
        private volatile RuntimeException failure;

        Store(List<TrackedEventMessage<?>> events) {
            this.events.addAll(events);
        }

        void add(TrackedEventMessage<?> event) {
            events.add(event);
            arrivals.add(event);
        }

        void fail(RuntimeException e) {
            failure = e;
            arrivals.add(e);
        }

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken from) {
            return new BlockingStream<>() {
                private int next = from == null ? 0 : (int) events.stream()
                        .filter(event -> from.covers(event.trackingToken())).count();

                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return next < events.size() ? Optional.of(events.get(next)) : Optional.empty();
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
                    if (next < events.size()) {
                        return true;
                    }
                    if (failure != null) {
                        throw failure;
                    }
                    if (timeout > 0) {
                        arrivals.poll(timeout, unit);
                    }
                    if (failure != null) {
                        throw failure;
                    }
                    return next < events.size();
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    return events.get(next++);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public TrackingToken createTailToken() {
            return null;
        }

        @Override
        public TrackingToken createHeadToken() {
            return token(events.size());
        }

        @Override
        public TrackingToken createTokenAt(java.time.Instant dateTime) {
            return null;
        }
    }
}

package io.techex.bidding.auction;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The service's own storage engine, counting what each thread reads of each aggregate's history: the events read
 * (rows of {@code domain_event_entry}), the snapshots used, and the lookups of its last sequence number. A command
 * sent through the command gateway is handled on the sender's thread, so a test reads what its own commands cost,
 * not what the snapshotter's thread reads meanwhile. The processors' and the relay's streams and all writes pass
 * through uncounted.
 */
final class CountingEventStorageEngine implements EventStorageEngine {

    private record Reader(long thread, String aggregateId) {
    }

    /** What one thread read of one aggregate's history. */
    record Reads(int events, int snapshots, int lastSequenceLookups) {

        static final Reads NONE = new Reads(0, 0, 0);
    }

    private final EventStorageEngine delegate;
    private final Map<Reader, AtomicInteger> events = new ConcurrentHashMap<>();
    private final Map<Reader, AtomicInteger> snapshots = new ConcurrentHashMap<>();
    private final Map<Reader, AtomicInteger> lookups = new ConcurrentHashMap<>();

    CountingEventStorageEngine(EventStorageEngine delegate) {
        this.delegate = delegate;
    }

    /** What the calling thread read of {@code aggregateId} since it last asked, and starts counting afresh. */
    Reads readsOf(String aggregateId) {
        Reader reader = new Reader(Thread.currentThread().threadId(), aggregateId);
        return new Reads(take(events, reader), take(snapshots, reader), take(lookups, reader));
    }

    private static int take(Map<Reader, AtomicInteger> counts, Reader reader) {
        AtomicInteger count = counts.remove(reader);
        return count == null ? 0 : count.get();
    }

    private static AtomicInteger counter(Map<Reader, AtomicInteger> counts, String aggregateId) {
        return counts.computeIfAbsent(new Reader(Thread.currentThread().threadId(), aggregateId), r -> new AtomicInteger());
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        DomainEventStream stream = delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
        AtomicInteger read = counter(events, aggregateIdentifier);
        return new DomainEventStream() {
            @Override
            public boolean hasNext() {
                return stream.hasNext();
            }

            @Override
            public DomainEventMessage<?> next() {
                DomainEventMessage<?> event = stream.next();
                read.incrementAndGet();
                return event;
            }

            @Override
            public DomainEventMessage<?> peek() {
                return stream.peek();
            }

            @Override
            public Long getLastSequenceNumber() {
                return stream.getLastSequenceNumber();
            }
        };
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        Optional<DomainEventMessage<?>> snapshot = delegate.readSnapshot(aggregateIdentifier);
        if (snapshot.isPresent()) {
            counter(snapshots, aggregateIdentifier).incrementAndGet();
        }
        return snapshot;
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        counter(lookups, aggregateIdentifier).incrementAndGet();
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}

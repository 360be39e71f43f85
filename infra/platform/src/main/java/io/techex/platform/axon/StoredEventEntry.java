package io.techex.platform.axon;

import org.axonframework.eventhandling.GenericDomainEventEntry;

import java.time.Instant;

/**
 * A stored event as Axon's JDBC engine reads it, whose time is read from its text once ({@link StoredTimestamps}),
 * not on every call: a tracking processor asks twice per event (for its token's gaps and for the message).
 */
final class StoredEventEntry<T> extends GenericDomainEventEntry<T> {

    private final String storedTime;
    // two threads asking at once may both parse and write it, the same value; an Instant's fields are final, so a
    // thread reads a whole one or null
    private Instant time;

    StoredEventEntry(String type, String aggregateIdentifier, long sequenceNumber, String eventIdentifier,
                     String storedTime, String payloadType, String payloadRevision, T payload, T metaData) {
        super(type, aggregateIdentifier, sequenceNumber, eventIdentifier, storedTime, payloadType, payloadRevision,
                payload, metaData);
        this.storedTime = storedTime;
    }

    @Override
    public Instant getTimestamp() {
        Instant read = time;
        if (read == null) {
            read = StoredTimestamps.parse(storedTime);
            time = read;
        }
        return read;
    }
}

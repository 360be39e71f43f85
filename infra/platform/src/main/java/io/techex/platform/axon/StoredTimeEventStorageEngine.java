package io.techex.platform.axon;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Axon's JDBC storage engine, its stored events' times read once each and quickly ({@link StoredEventEntry}). Axon's
 * own entries parse the stored text with a {@code DateTimeFormatter} on every call: once for the token's gaps, once
 * more for the message, per event and per tracking processor. Everything else is Axon's, statements included; the
 * token is built from the same rules with the same settings, given here as Axon's builder was given them.
 */
final class StoredTimeEventStorageEngine extends JdbcEventStorageEngine {

    /**
     * The builder's gap settings, which Axon keeps to itself.
     *
     * @param lowestGlobalIndex the first global index a store hands out
     * @param maxGapOffset      how far below the newest event a gap is remembered
     * @param timeoutMillis     how long after its neighbours an event may still commit into a gap
     */
    record Gaps(long lowestGlobalIndex, int maxGapOffset, int timeoutMillis) {
    }

    private final Gaps gaps;

    StoredTimeEventStorageEngine(Builder builder, Gaps gaps) {
        super(builder.lowestGlobalSequence(gaps.lowestGlobalIndex()).maxGapOffset(gaps.maxGapOffset())
                .gapTimeout(gaps.timeoutMillis()));
        this.gaps = gaps;
    }

    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalIndex = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        // Axon stores an event published outside an aggregate under its own identifier as the aggregate's
        StoredEventEntry<Object> event = entry(resultSet,
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier, eventIdentifier);
        // A gap below a recent event may still be filled by a transaction committing late; below an old one, never.
        boolean gapsMayFill = event.getTimestamp()
                .isAfter(GenericEventMessage.clock.instant().minusMillis(gaps.timeoutMillis()));
        GapAwareTrackingToken token;
        if (previousToken == null) {
            SortedSet<Long> below = gapsMayFill
                    ? LongStream.range(Math.min(gaps.lowestGlobalIndex(), globalIndex), globalIndex).boxed()
                    .collect(Collectors.toCollection(TreeSet::new))
                    : Collections.emptySortedSet();
            token = GapAwareTrackingToken.newInstance(globalIndex, below);
        } else {
            token = previousToken.advanceTo(globalIndex, gapsMayFill ? gaps.maxGapOffset() : 0);
        }
        return new TrackedDomainEventData<>(token, event);
    }

    @Override
    protected DomainEventData<?> getDomainEventData(ResultSet resultSet) throws SQLException {
        EventSchema schema = schema();
        return entry(resultSet, resultSet.getString(schema.aggregateIdentifierColumn()),
                resultSet.getString(schema.eventIdentifierColumn()));
    }

    @Override
    protected DomainEventData<?> getSnapshotData(ResultSet resultSet) throws SQLException {
        return getDomainEventData(resultSet);
    }

    private StoredEventEntry<Object> entry(ResultSet resultSet, String aggregateIdentifier, String eventIdentifier)
            throws SQLException {
        EventSchema schema = schema();
        return new StoredEventEntry<>(resultSet.getString(schema.typeColumn()), aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()), eventIdentifier,
                readTimeStamp(resultSet, schema.timestampColumn()).toString(),
                resultSet.getString(schema.payloadTypeColumn()), resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()), readPayload(resultSet, schema.metaDataColumn()));
    }
}

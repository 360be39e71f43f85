package io.techex.platform.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The services' engine reads each stored event's time itself, and builds the tracking tokens itself from it: what
 * it reads must be what Axon's own engine reads from the same rows, times, tokens and gaps alike. The gaps are made
 * as a busy store makes them (a transaction that took a global index and rolled back), below recent events, where a
 * late commit may still fill them, and below events older than the gap timeout, where none will.
 */
class StoredEventTimesTest {

    record Happened(String aggregate, long step) {
    }

    private static TestEnvironment env;
    private ChainedEventStore store;

    @BeforeAll
    static void database() {
        env = TestInfrastructure.get().newEnvironment("storedtimes");
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void timesAndTokensAreThoseAxonsOwnEngineReads() {
        store = ChainedEventStore.create(env, null);
        Instant now = Instant.now();
        Instant old = now.minus(Duration.ofMinutes(10));
        append(event("a", 0, old.truncatedTo(ChronoUnit.SECONDS)));
        rolledBack(event("b", 0, old));
        append(event("a", 1, old.plusMillis(1)));
        rolledBack(event("b", 0, old));
        rolledBack(event("b", 0, old));
        append(event("a", 2, old.plusMillis(999)));
        append(event("a", 3, now));
        rolledBack(event("b", 0, now));
        append(event("a", 4, now.plusMillis(7)));
        rolledBack(event("b", 0, now));
        append(event("a", 5, now.plusMillis(8)));
        List<Instant> written = List.of(old.truncatedTo(ChronoUnit.SECONDS), old.plusMillis(1), old.plusMillis(999), now,
                now.plusMillis(7), now.plusMillis(8)).stream().map(time -> time.truncatedTo(ChronoUnit.MILLIS)).toList();
        EventStorageEngine axons = axonsEngine();

        List<? extends TrackedEventMessage<?>> tracked = store.engine.readEvents(null, false).toList();
        List<? extends TrackedEventMessage<?>> trackedByAxon = axons.readEvents(null, false).toList();
        assertThat(tracked).extracting(TrackedEventMessage::getTimestamp).isEqualTo(written);
        assertThat(tokens(tracked)).isEqualTo(tokens(trackedByAxon));
        assertThat(tracked).extracting(TrackedEventMessage::getTimestamp)
                .isEqualTo(trackedByAxon.stream().map(TrackedEventMessage::getTimestamp).toList());
        // the gaps below the recent events are kept until the gap timeout, those below the old ones were not
        assertThat(tokens(tracked)).extracting(Token::gaps).last().asList().hasSize(2);

        // from a token with gaps, as a processor reads on
        TrackedEventMessage<?> third = tracked.get(3);
        assertThat(tokens(store.engine.readEvents(third.trackingToken(), false).toList()))
                .isEqualTo(tokens(axons.readEvents(third.trackingToken(), false).toList()));

        assertThat(store.engine.readEvents("a").asStream().map(DomainEventMessage::getTimestamp).toList()).isEqualTo(written);

        store.engine.storeSnapshot(event("a", 5, now.plusMillis(123)));
        assertThat(store.engine.readSnapshot("a")).get().extracting(DomainEventMessage::getTimestamp)
                .isEqualTo(now.plusMillis(123).truncatedTo(ChronoUnit.MILLIS))
                .isEqualTo(axons.readSnapshot("a").orElseThrow().getTimestamp());
    }

    @Test
    void aProcessorsFirstEventKeepsTheGapsBelowItWhileItIsRecent() {
        store = ChainedEventStore.create(env, null);
        rolledBack(event("b", 0, Instant.now()));
        rolledBack(event("b", 0, Instant.now()));
        append(event("a", 0, Instant.now()));

        List<Token> tokens = tokens(store.engine.readEvents(null, false).toList());
        assertThat(tokens).isEqualTo(tokens(axonsEngine().readEvents(null, false).toList()));
        assertThat(tokens).extracting(Token::gaps).containsExactly(List.of(1L, 2L));
    }

    /** A token's position and every gap it holds (a token's equals leaves out the gaps below its truncation index). */
    record Token(long index, List<Long> gaps) {
    }

    private static List<Token> tokens(List<? extends TrackedEventMessage<?>> events) {
        return events.stream().map(event -> (GapAwareTrackingToken) event.trackingToken())
                .map(token -> new Token(token.getIndex(), List.copyOf(token.getGaps()))).toList();
    }

    private void append(DomainEventMessage<?> event) {
        store.append(List.of(event));
    }

    /** An append whose transaction took a global index and rolled back: a gap in the store's global indexes. */
    private void rolledBack(DomainEventMessage<?> event) {
        store.transactions.executeWithoutResult(status -> {
            store.append(List.of(event));
            status.setRollbackOnly();
        });
    }

    /** Axon's engine on the same store, as Axon builds it. */
    private EventStorageEngine axonsEngine() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(new SpringDataSourceConnectionProvider(store.dataSource))
                .transactionManager(new SpringTransactionManager(new DataSourceTransactionManager(store.dataSource)))
                .schema(store.eventSchema)
                .persistenceExceptionResolver(e -> false)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .build();
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence, Instant at) {
        return new GenericDomainEventMessage<>("Listing", aggregate, sequence, new Happened(aggregate, sequence),
                MetaData.emptyInstance(), UUID.randomUUID().toString(), at);
    }
}

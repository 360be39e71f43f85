package io.techex.platform.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Maps Axon's JDBC storage onto the snake_case tables that {@code db/platform} migrations create in each
 * service's own schema: the event store (which is also the outbox the relay reads), snapshots, tracking tokens
 * (how processor segments are split between instances) and sagas.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.JdbcAutoConfiguration")
public class AxonStorageConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Axon's JDBC storage engine as its auto-configuration builds it, with two changes of ours: how many events one query
     * reads ({@code techex.event-store.batch-size}; Axon's 100 made every 100 events of a stream a round trip of its
     * own; the relay and the projections read the store sequentially, and an aggregate's history is read until a query
     * comes back empty whatever the size, so a larger batch only saves round trips), how an aggregate's last
     * sequence number is read ({@link #lastSequenceNumberFor}), and how a stored event's time is read ({@link #engine}).
     */
    @Bean
    @ConditionalOnMissingBean({EventStorageEngine.class, EventBus.class, EventStore.class})
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema,
                                          @Value("${techex.event-store.batch-size:500}") int batchSize) {
        return engine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .batchSize(batchSize)
                .lastSequenceNumberFor(AxonStorageConfiguration::lastSequenceNumberFor));
    }

    /**
     * The engine {@code builder} describes, each stored event's time read once and without a {@code DateTimeFormatter}
     * ({@link StoredTimeEventStorageEngine}: Axon's parsing was a sixth of a projection's replay), with Axon's
     * default gap settings.
     */
    public static JdbcEventStorageEngine engine(JdbcEventStorageEngine.Builder builder) {
        return new StoredTimeEventStorageEngine(builder, new StoredTimeEventStorageEngine.Gaps(1, 10_000, 60_000));
    }

    /**
     * An aggregate's last sequence number as the last entry of its range in the (aggregate, sequence number) index,
     * whatever PostgreSQL estimates. Axon's own statement, {@code max(sequence_number)}, leaves the plan to the estimate:
     * a prepared statement's generic plan, made while the table's statistics said an aggregate has about one event,
     * aggregated over every entry of the aggregate. On the bench's hot auction (about 9,000 events) that took 8.4 ms a
     * call (pg_stat_statements; the plan from auto_explain), asked on each refused bid, and grew with the auction.
     */
    public static PreparedStatement lastSequenceNumberFor(Connection connection, EventSchema schema,
                                                         String aggregateIdentifier) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(lastSequenceNumberSql(schema));
        statement.setString(1, aggregateIdentifier);
        return statement;
    }

    /** The statement of {@link #lastSequenceNumberFor}, its one parameter the aggregate's identifier. */
    public static String lastSequenceNumberSql(EventSchema schema) {
        return "SELECT " + schema.sequenceNumberColumn() + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ?"
                + " ORDER BY " + schema.sequenceNumberColumn() + " DESC LIMIT 1";
    }

    /**
     * How Axon tells a duplicate key from other failures. Its default compares vendor error codes, which PostgreSQL
     * leaves at 0; PostgreSQL says {@code 23505} in the SQL state. Recognised, a second stream for one aggregate id
     * or a second event at one sequence number becomes Axon's ConcurrencyException: the clean conflict the API
     * answers with 409.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }
}

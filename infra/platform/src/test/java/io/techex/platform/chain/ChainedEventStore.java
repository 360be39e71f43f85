package io.techex.platform.chain;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.techex.platform.axon.AxonStorageConfiguration;
import io.techex.testkit.TestEnvironment;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One service's event store as the services have it: a schema migrated from {@code classpath:db/platform}, a pool
 * whose connections work in that schema, and the platform's JDBC storage engine with its table mapping, conflict
 * resolver and last-sequence-number statement (taken from {@link AxonStorageConfiguration} itself, not copied).
 */
final class ChainedEventStore implements AutoCloseable {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    final String schema;
    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;
    final TransactionTemplate transactions;
    final JdbcEventStorageEngine engine;
    final EventSchema eventSchema;
    private final TestEnvironment env;

    private ChainedEventStore(TestEnvironment env, String schema, HikariDataSource dataSource) {
        this.env = env;
        this.schema = schema;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        try (var axonStorage = new AnnotationConfigApplicationContext()) {
            // only the schema and the conflict resolver are wanted: lazily, the storage engine it also declares (which
            // needs Axon's serializers) is never built
            axonStorage.addBeanFactoryPostProcessor(beans -> Arrays.stream(beans.getBeanDefinitionNames())
                    .forEach(name -> beans.getBeanDefinition(name).setLazyInit(true)));
            axonStorage.register(AxonStorageConfiguration.class);
            axonStorage.refresh();
            JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
            this.eventSchema = axonStorage.getBean(EventSchema.class);
            this.engine = AxonStorageConfiguration.engine(JdbcEventStorageEngine.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(new SpringTransactionManager(transactionManager))
                    .schema(eventSchema)
                    .persistenceExceptionResolver(axonStorage.getBean(PersistenceExceptionResolver.class))
                    .eventSerializer(serializer)
                    .snapshotSerializer(serializer)
                    .lastSequenceNumberFor(AxonStorageConfiguration::lastSequenceNumberFor));
        }
    }

    /** A fresh schema in {@code env}'s database, migrated up to {@code target} ({@code null}: all migrations). */
    static ChainedEventStore create(TestEnvironment env, String target) {
        String schema = "chain" + SCHEMAS.incrementAndGet();
        migrate(env, schema, target);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(env.jdbcUrl());
        config.setUsername(env.username());
        config.setPassword(env.password());
        // as techex-defaults.properties does for every service
        config.setConnectionInitSql("SET search_path TO " + schema + ", public");
        config.setMaximumPoolSize(12);
        config.setPoolName(schema);
        return new ChainedEventStore(env, schema, new HikariDataSource(config));
    }

    static void migrate(TestEnvironment env, String schema, String target) {
        var flyway = Flyway.configure()
                .dataSource(env.jdbcUrl(), env.username(), env.password())
                .schemas(schema)
                .defaultSchema(schema)
                .locations("classpath:db/platform");
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }

    void append(List<? extends EventMessage<?>> events) {
        engine.appendEvents(events);
    }

    ChainReport verify() {
        try (Connection connection = dataSource.getConnection()) {
            return new EventChainVerifier(schema).verify(connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    TestEnvironment env() {
        return env;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}

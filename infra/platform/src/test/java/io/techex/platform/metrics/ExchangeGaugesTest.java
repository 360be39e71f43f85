package io.techex.platform.metrics;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gauges read from the platform's tables, against a schema migrated as the services' are, with tokens serialized
 * by Axon's Jackson serializer as the token store writes them.
 */
class ExchangeGaugesTest {

    private static HikariDataSource dataSource;
    private static JdbcTemplate jdbc;
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.defaultSerializer();

    @BeforeAll
    static void schema() {
        TestEnvironment env = TestInfrastructure.get().newEnvironment("metrics");
        String schema = "metrics";
        Flyway.configure().dataSource(env.jdbcUrl(), env.username(), env.password())
                .schemas(schema).defaultSchema(schema).locations("classpath:db/platform").load().migrate();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(env.jdbcUrl());
        config.setUsername(env.username());
        config.setPassword(env.password());
        config.setConnectionInitSql("SET search_path TO " + schema + ", public");
        config.setMaximumPoolSize(2);
        dataSource = new HikariDataSource(config);
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void close() {
        dataSource.close();
    }

    @Test
    void relayLagIsTheHeadMinusTheSlowestSegmentsToken() {
        RelayLag relay = new RelayLag(jdbc, "kafka-relay");
        assertThat(relay.lag()).as("nothing stored, nothing to send").isZero();

        storeEvents(10); // global_index 1..10
        assertThat(relay.position()).as("no tokens yet: nothing acknowledged").isEqualTo(-1);
        assertThat(relay.lag()).isEqualTo(11);

        token("kafka-relay", 0, GapAwareTrackingToken.newInstance(9, List.of()));
        token("kafka-relay", 1, GapAwareTrackingToken.newInstance(4, List.of(3L)));
        token("kafka-relay", 2, new ReplayToken(GapAwareTrackingToken.newInstance(10, List.of()),
                GapAwareTrackingToken.newInstance(6, List.of())));
        token("kafka-relay", 3, null);
        // another processor's tokens are not the relay's
        token("audit-projection", 0, GapAwareTrackingToken.newInstance(0, List.of()));
        assertThat(relay.position()).as("a segment without a token has sent nothing").isEqualTo(-1);

        jdbc.update("DELETE FROM token_entry WHERE processor_name = 'kafka-relay' AND segment = 3");
        assertThat(relay.position()).isEqualTo(4);
        assertThat(relay.lag()).isEqualTo(6);

        jdbc.update("DELETE FROM token_entry WHERE processor_name = 'kafka-relay' AND segment = 1");
        assertThat(relay.position()).as("the replay token where it has got to").isEqualTo(6);
        assertThat(relay.lag()).isEqualTo(4);
    }

    @Test
    void deadlinesDueAndOverdueCountOnlyThoseWhoseTimeHasCome() {
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        new DeadlineGauges(jdbc, Duration.ofMinutes(1)).bindTo(registry);
        double due = registry.get(DeadlineGauges.DUE).gauge().value();
        double overdue = registry.get(DeadlineGauges.OVERDUE).gauge().value();

        deadline("now() - interval '5 minutes'");
        deadline("now() - interval '5 seconds'");
        deadline("now() + interval '1 hour'");

        assertThat(registry.get(DeadlineGauges.DUE).gauge().value()).isEqualTo(due + 2);
        assertThat(registry.get(DeadlineGauges.OVERDUE).gauge().value()).isEqualTo(overdue + 1);
    }

    private static void storeEvents(int count) {
        String aggregate = UUID.randomUUID().toString();
        for (int i = 0; i < count; i++) {
            jdbc.update("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload) VALUES (?, ?, ?, 'Asset', '2026-01-01T00:00:00Z', 'Happened', ?)
                    """, UUID.randomUUID().toString(), aggregate, i, "{}".getBytes());
        }
    }

    private static void token(String processor, int segment, TrackingToken token) {
        byte[] bytes = token == null ? null : SERIALIZER.serialize(token, byte[].class).getData();
        jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type) VALUES (?, ?, ?, ?)",
                processor, segment, bytes, token == null ? null : token.getClass().getName());
    }

    private static void deadline(String executionTime) {
        jdbc.update("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version) VALUES ('deadline', ?, "
                + executionTime + ", false, 1)", UUID.randomUUID().toString());
    }
}

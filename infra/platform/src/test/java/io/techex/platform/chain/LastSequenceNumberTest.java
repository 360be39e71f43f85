package io.techex.platform.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.techex.platform.axon.AxonStorageConfiguration;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An aggregate's last sequence number (asked on a refused bid of a cached auction, for an Idempotency-Key's first
 * command) is read from the last entry of its range in the index, however long its history, also as the generic
 * plan of a prepared statement made while the table's statistics counted about one event per aggregate. That is how
 * the services' connections come to run it; Axon's own {@code max(sequence_number)} was planned there as an
 * aggregate over every event of the aggregate (8.4 ms a call on the bench's hot auction of about 9,000 events).
 */
class LastSequenceNumberTest {

    record Happened(String aggregate, long step) {
    }

    private static TestEnvironment env;
    private ChainedEventStore store;

    @BeforeAll
    static void database() {
        env = TestInfrastructure.get().newEnvironment("lastsequence");
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theLastSequenceNumberOfALongHistoryIsReadFromOneIndexEntryUnderAGenericPlan() throws Exception {
        store = ChainedEventStore.create(env, null);
        // the statistics stay as they are taken below, with 200 aggregates of one event each
        store.jdbc.execute("ALTER TABLE domain_event_entry SET (autovacuum_enabled = false)");
        List<DomainEventMessage<?>> shortOnes = new ArrayList<>();
        for (int aggregate = 0; aggregate < 200; aggregate++) {
            shortOnes.add(event("short-" + aggregate, 0));
        }
        store.append(shortOnes);
        store.jdbc.execute("ANALYZE domain_event_entry");
        for (long from = 0; from < 3000; from += 500) {
            List<DomainEventMessage<?>> batch = new ArrayList<>();
            for (long sequence = from; sequence < from + 500; sequence++) {
                batch.add(event("long", sequence));
            }
            store.append(batch);
        }

        assertThat(store.engine.lastSequenceNumberFor("long")).contains(2999L);
        assertThat(store.engine.lastSequenceNumberFor("short-7")).contains(0L);
        assertThat(store.engine.lastSequenceNumberFor("never-stored")).isEmpty();
        assertThat(eventsReadByGenericPlan(AxonStorageConfiguration.lastSequenceNumberSql(store.eventSchema), "long"))
                .isEqualTo(1);
    }

    /** The rows the scan of {@code domain_event_entry} returned, {@code sql} prepared and run with a generic plan. */
    private long eventsReadByGenericPlan(String sql, String aggregate) throws SQLException, JsonProcessingException {
        try (Connection connection = store.dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE probe(varchar) AS " + sql.replace("?", "$1"));
            String plan;
            try (ResultSet explained = statement.executeQuery("EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE probe('" + aggregate + "')")) {
                explained.next();
                plan = explained.getString(1);
            }
            statement.execute("DEALLOCATE probe");
            return scanRows(new ObjectMapper().readTree(plan).get(0).get("Plan"));
        }
    }

    private static long scanRows(JsonNode node) {
        if ("domain_event_entry".equals(node.path("Relation Name").asText())) {
            return node.get("Actual Rows").asLong();
        }
        for (JsonNode child : node.path("Plans")) {
            long rows = scanRows(child);
            if (rows >= 0) {
                return rows;
            }
        }
        return -1;
    }

    private static DomainEventMessage<?> event(String aggregate, long sequence) {
        return new GenericDomainEventMessage<>("Listing", aggregate, sequence, new Happened(aggregate, sequence));
    }
}

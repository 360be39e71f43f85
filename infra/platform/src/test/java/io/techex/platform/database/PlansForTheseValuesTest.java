package io.techex.platform.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A statement whose generic plan PostgreSQL cached while its table was nearly empty (a sequential scan comparing
 * every row with the parameter's array, element by element) is planned for its values once a transaction asks for it,
 * and only in that transaction.
 */
class PlansForTheseValuesTest {

    private static TestEnvironment env;

    @BeforeAll
    static void database() {
        env = TestInfrastructure.get().newEnvironment("plans");
    }

    @Test
    void aStatementCachedWithAGenericPlanIsPlannedForItsValuesInTheTransactionThatAsks() throws Exception {
        try (Connection connection = env.connectAsOwner(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE queue (event_id varchar(255) PRIMARY KEY)");
            statement.execute("INSERT INTO queue SELECT 'e' || i FROM generate_series(1, 5) i");
            // what a connection's statement cache holds after a few runs on a short queue
            statement.execute("SET plan_cache_mode = force_generic_plan");
            statement.execute("PREPARE take(varchar[]) AS DELETE FROM queue WHERE event_id = ANY($1)");
            statement.execute("EXPLAIN EXECUTE take(ARRAY['e1'])");
            statement.execute("INSERT INTO queue SELECT 'x' || i FROM generate_series(1, 20000) i");
            connection.setAutoCommit(false);
            JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));

            assertThat(plan(statement)).as("the cached plan").contains("$1").contains("Seq Scan");
            connection.rollback();

            PlansForTheseValues.inThisTransaction(jdbc);
            assertThat(plan(statement)).as("planned for the ids").doesNotContain("$1").contains("x17");
            connection.rollback();

            assertThat(plan(statement)).as("the next transaction: the cached plan again").contains("$1");
            connection.rollback();
        }
    }

    private static String plan(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("EXPLAIN (FORMAT JSON) EXECUTE take(ARRAY['x17', 'x18', 'x19000'])")) {
            rows.next();
            return rows.getString(1);
        }
    }
}

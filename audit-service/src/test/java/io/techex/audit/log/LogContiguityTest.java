package io.techex.audit.log;

import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database keeps the log without holes whoever writes to it, the sequencer or someone with the table's owner's
 * rights: leaves that would not continue the log are refused, one statement at a time.
 */
@IntegrationTest
class LogContiguityTest {

    @Autowired
    TestEnvironment env;

    @Test
    void leavesThatWouldLeaveAHoleAreRefusedAndLeavesThatContinueTheLogInAnyOrderAreTaken() throws Exception {
        // as the owner, in one transaction rolled back at the end: the log is shared with the other tests of this
        // context, and the table lock keeps the sequencer from appending while the next index is known
        try (Connection owner = DriverManager.getConnection(env.jdbcUrl(), env.username(), env.password())) {
            owner.setAutoCommit(false);
            try (Statement statement = owner.createStatement()) {
                statement.execute("SET LOCAL search_path TO audit");
                statement.execute("LOCK TABLE log_leaf IN EXCLUSIVE MODE");
                List<String> events = trailEntries(owner, 4);
                long next = nextLeaf(statement);

                assertRefused(owner, "log_leaf " + (next + 1) + " would leave a hole: the next leaf is " + next,
                        leaf(next + 1, events.get(0)));
                assertRefused(owner, "log_leaf " + next + " to " + (next + 2) + " would leave a hole: 2 leaves in one statement",
                        leaf(next, events.get(0)), leaf(next + 2, events.get(1)));
                assertRefused(owner, "log_leaf " + (next + 1) + " would leave a hole: the next leaf is " + next,
                        leaf(next + 2, events.get(0)), leaf(next + 1, events.get(1)));
                assertThat(nextLeaf(statement)).as("nothing of the refused statements stayed").isEqualTo(next);

                // contiguous but not in index order: one statement's leaves are checked together
                insert(owner, leaf(next + 1, events.get(0)), leaf(next, events.get(1)));
                insert(owner, leaf(next + 2, events.get(2)));
                assertThat(nextLeaf(statement)).isEqualTo(next + 3);
                assertRefused(owner, "log_leaf " + (next + 4) + " would leave a hole: the next leaf is " + (next + 3),
                        leaf(next + 4, events.get(3)));
            } finally {
                owner.rollback();
            }
        }
    }

    private record Leaf(long index, String eventId) {
    }

    private static Leaf leaf(long index, String eventId) {
        return new Leaf(index, eventId);
    }

    private static List<String> trailEntries(Connection owner, int count) throws SQLException {
        String assetId = UUID.randomUUID().toString();
        List<String> events = new ArrayList<>();
        try (PreparedStatement insert = owner.prepareStatement("""
                INSERT INTO trail_entry (event_id, asset_id, event_type, source, occurred_at, data)
                VALUES (?, ?, 'io.techex.listing.ListingDrafted.v1', '/listing-service', now(), '{}')""")) {
            for (int i = 0; i < count; i++) {
                String eventId = UUID.randomUUID().toString();
                insert.setString(1, eventId);
                insert.setString(2, assetId);
                insert.executeUpdate();
                events.add(eventId);
            }
        }
        return events;
    }

    private static long nextLeaf(Statement statement) throws SQLException {
        try (ResultSet next = statement.executeQuery("SELECT coalesce(max(leaf_index) + 1, 0) FROM log_leaf")) {
            next.next();
            return next.getLong(1);
        }
    }

    /** One statement for all of {@code leaves}, in the order given, as the sequencer writes a round's leaves. */
    private static void insert(Connection owner, Leaf... leaves) throws SQLException {
        try (PreparedStatement insert = owner.prepareStatement("""
                INSERT INTO log_leaf (leaf_index, event_id, leaf_hash, leaf_version)
                SELECT l.leaf_index, l.event_id, sha256(convert_to(l.event_id, 'UTF8')), 2
                FROM unnest(?::bigint[], ?::varchar[]) WITH ORDINALITY AS l(leaf_index, event_id, n)
                ORDER BY l.n""")) {
            insert.setArray(1, owner.createArrayOf("bigint", Arrays.stream(leaves).map(Leaf::index).toArray()));
            insert.setArray(2, owner.createArrayOf("varchar", Arrays.stream(leaves).map(Leaf::eventId).toArray()));
            insert.executeUpdate();
        }
    }

    private static void assertRefused(Connection owner, String message, Leaf... leaves) throws SQLException {
        Savepoint before = owner.setSavepoint();
        assertThatThrownBy(() -> insert(owner, leaves)).isInstanceOf(SQLException.class).hasMessageContaining(message);
        owner.rollback(before);
    }
}

package io.techex.launcher.fuzz;

import io.techex.testkit.TestEnvironment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every table of the services' schemas, each as its row count and an MD5 over its rows' text (so an update is
 * seen as well as an insert or a delete), read in one statement. Only what changes while nobody asks anything is
 * left out, each for a reason ({@link #IGNORED}, {@link #COLUMNS}).
 */
final class DatabaseSnapshot {

    static final List<String> SCHEMAS = List.of("listing", "bidding", "contract", "audit", "notification");

    /** Tables that change on their own while the exchange is idle, so their change says nothing of a request. */
    static final Map<String, String> IGNORED = Map.of(
            "token_entry", "Axon's tracking tokens: each processor renews its segment claims (owner, timestamp) every few "
                    + "seconds while idle; that bad input appended no event is checked on domain_event_entry itself");

    /**
     * Tables compared on some of their columns only: the columns that say what the row is, not the bookkeeping the
     * table's owner updates while idle.
     */
    static final Map<String, String> COLUMNS = Map.of(
            "scheduled_tasks", "task_name, task_instance, task_data, execution_time");
    static final String COLUMNS_REASON = "scheduled_tasks (db-scheduler, Axon's deadlines): compared on which deadlines exist "
            + "and when they fire; its poller rewrites picked, picked_by, last_heartbeat and version while idle";

    final Map<String, Table> tables;

    record Table(long rows, String hash) {
    }

    private DatabaseSnapshot(Map<String, Table> tables) {
        this.tables = tables;
    }

    static DatabaseSnapshot take(TestEnvironment environment) {
        try (Connection connection = DriverManager.getConnection(environment.jdbcUrl(), environment.username(), environment.password());
             Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT table_schema || '.' || table_name FROM information_schema.tables "
                    + "WHERE table_type = 'BASE TABLE' AND table_schema IN ('" + String.join("','", SCHEMAS) + "') ORDER BY 1")) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            List<String> selects = new ArrayList<>();
            for (String name : names) {
                String table = name.substring(name.indexOf('.') + 1);
                if (IGNORED.containsKey(table)) {
                    continue;
                }
                String row = COLUMNS.containsKey(table) ? "ROW(" + COLUMNS.get(table) + ")::text" : "t::text";
                selects.add("SELECT '" + name + "', count(*), coalesce(md5(string_agg(md5(" + row + "), ',' ORDER BY md5(" + row
                        + "))), '') FROM " + name + " t");
            }
            Map<String, Table> tables = new TreeMap<>();
            try (ResultSet rows = statement.executeQuery(String.join(" UNION ALL ", selects))) {
                while (rows.next()) {
                    tables.put(rows.getString(1), new Table(rows.getLong(2), rows.getString(3)));
                }
            }
            return new DatabaseSnapshot(tables);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the services' tables", e);
        }
    }

    /** Each table that differs, as {@code schema.table: rows before → after (content changed)}. */
    List<String> differencesTo(DatabaseSnapshot later) {
        List<String> differences = new ArrayList<>();
        Map<String, Table> all = new LinkedHashMap<>(tables);
        later.tables.forEach(all::putIfAbsent);
        all.keySet().forEach(name -> {
            Table before = tables.get(name);
            Table after = later.tables.get(name);
            if (before == null || after == null || !before.equals(after)) {
                differences.add(name + ": " + (before == null ? "absent" : before.rows()) + " rows → "
                        + (after == null ? "absent" : after.rows()) + " rows"
                        + (before != null && after != null && before.rows() == after.rows() ? " (content changed)" : ""));
            }
        });
        return differences;
    }

    long rows(String table) {
        Table found = tables.get(table);
        return found == null ? -1 : found.rows();
    }
}

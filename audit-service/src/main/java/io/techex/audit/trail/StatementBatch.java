package io.techex.audit.trail;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/**
 * Statements run in the order they are added, each run of consecutive ones with the same SQL sent as one JDBC batch:
 * a poll's worth of events costs a round trip per run instead of one per event, and the effects are those of running
 * them one by one, since nothing changes order. (A poll's records come grouped by partition, so runs are long.)
 */
public final class StatementBatch {

    private final JdbcTemplate jdbc;
    private final List<Object[]> arguments = new ArrayList<>();
    private String sql;

    public StatementBatch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void add(String sql, Object... arguments) {
        if (this.sql != null && !this.sql.equals(sql)) {
            flush();
        }
        this.sql = sql;
        this.arguments.add(arguments);
    }

    /** Runs what was added and not yet run. */
    public void flush() {
        if (sql != null) {
            jdbc.batchUpdate(sql, arguments);
            arguments.clear();
            sql = null;
        }
    }
}

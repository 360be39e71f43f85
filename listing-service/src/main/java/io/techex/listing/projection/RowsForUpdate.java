package io.techex.listing.projection;

import io.techex.platform.database.PlansForTheseValues;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a batch's rows by id, locked, for a {@link BatchedRows.Table}: {@code sql} selects with
 * {@code WHERE <id> = ANY (?) FOR UPDATE}.
 * <p>
 * The statement is planned for the ids and the table of the moment ({@link PlansForTheseValues}), never from a plan
 * cached for it: during a replay that plan was made while the table was still (nearly) empty, a sequential scan, and
 * stayed one as the replay filled the table: each batch compared its 200 ids with every row written so far, 20 to 30
 * ms a batch by the end of a 20,000-event replay against 0.2 ms through the primary key (auto_explain, infra/bench,
 * 2026-12-06).
 */
public final class RowsForUpdate {

    private RowsForUpdate() {
    }

    public static <R> Map<String, R> read(JdbcTemplate jdbc, String sql, RowMapper<R> rows, Function<R, String> id,
                                          Set<String> ids) {
        PlansForTheseValues.inThisTransaction(jdbc);
        return jdbc.query(sql, rows, (Object) ids.toArray(String[]::new)).stream()
                .collect(Collectors.toMap(id, Function.identity()));
    }
}

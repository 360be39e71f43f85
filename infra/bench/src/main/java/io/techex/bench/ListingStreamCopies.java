package io.techex.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Events for listing-service's store without minutes of drafting over HTTP: the listings' own event streams copied in
 * SQL under new listing ids (payloads get the new id too), so what the processors and the relay then handle are real
 * events of every kind the lifecycle produces, new to every processor of the service.
 */
final class ListingStreamCopies {

    private ListingStreamCopies() {
    }

    /**
     * Copies the streams of the listings drafted at or below {@code sourceHead} (their events up to it) {@code times}
     * times: the number of events added.
     */
    static long copy(Connection connection, long sourceHead, long times) throws SQLException {
        try (Statement sql = connection.createStatement()) {
            return sql.executeUpdate("""
                    WITH copy AS (
                        SELECT a.aggregate_identifier AS old_id, gen_random_uuid()::text AS new_id
                        FROM (SELECT DISTINCT aggregate_identifier FROM listing.domain_event_entry
                              WHERE global_index <= %1$d) a
                        CROSS JOIN generate_series(1, %2$d))
                    INSERT INTO listing.domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    SELECT gen_random_uuid()::text, c.new_id, e.sequence_number, e.type, e.time_stamp, e.payload_type,
                           e.payload_revision, convert_to(replace(convert_from(e.payload, 'UTF8'), c.old_id, c.new_id), 'UTF8'),
                           e.meta_data
                    FROM copy c JOIN listing.domain_event_entry e ON e.aggregate_identifier = c.old_id
                    WHERE e.global_index <= %1$d
                    ORDER BY c.new_id, e.sequence_number""".formatted(sourceHead, times));
        }
    }

    /** Events in the store at or below {@code head}. */
    static long events(Connection connection, long head) throws SQLException {
        return single(connection, "SELECT count(*) FROM listing.domain_event_entry WHERE global_index <= " + head);
    }

    /** The store's last global index (0 when empty). */
    static long head(Connection connection) throws SQLException {
        return single(connection, "SELECT coalesce(max(global_index), 0) FROM listing.domain_event_entry");
    }

    private static long single(Connection connection, String query) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}

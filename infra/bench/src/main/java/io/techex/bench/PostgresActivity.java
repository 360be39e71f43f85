package io.techex.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * What PostgreSQL did besides running statements, from its cumulative statistics: the WAL it wrote (full-page images
 * too: the first change of a page after a checkpoint logs the whole page), the checkpoints, who wrote dirty buffers
 * out (the checkpointer, the background writer, or a backend that needed a free buffer), and the blocks this database
 * read from outside its shared buffers. Read before and after a measured load, the difference says whether a load's
 * CPU went to its own statements or to the server catching up with what earlier loads left dirty.
 *
 * <p>The WAL, checkpoint and buffer figures are the server's (PostgreSQL 14 and later), the blocks this database's.
 */
record PostgresActivity(long walRecords, long walFullPageImages, long walBytes, long checkpoints,
                        long buffersByCheckpointer, long buffersByBackgroundWriter, long buffersByBackends,
                        long blocksRead, long blocksHit) {

    static final PostgresActivity NONE = new PostgresActivity(0, 0, 0, 0, 0, 0, 0, 0, 0);

    static PostgresActivity read(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     SELECT w.wal_records, w.wal_fpi, w.wal_bytes,
                            b.checkpoints_timed + b.checkpoints_req, b.buffers_checkpoint, b.buffers_clean, b.buffers_backend,
                            d.blks_read, d.blks_hit
                       FROM pg_stat_wal w, pg_stat_bgwriter b, pg_stat_database d
                      WHERE d.datname = current_database()""")) {
            row.next();
            return new PostgresActivity(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5),
                    row.getLong(6), row.getLong(7), row.getLong(8), row.getLong(9));
        }
    }

    /** The server's version and the settings a run's figures depend on, for the results' header. */
    static String serverSettings(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("""
                     SELECT name, setting, unit FROM pg_settings
                      WHERE name IN ('server_version', 'shared_buffers', 'max_wal_size', 'checkpoint_timeout', 'autovacuum',
                                     'synchronous_commit', 'fsync', 'max_connections')
                      ORDER BY name = 'server_version' DESC, name""")) {
            StringBuilder settings = new StringBuilder();
            while (rows.next()) {
                String unit = rows.getString(3);
                String value = rows.getString(2);
                if ("8kB".equals(unit)) {
                    value = Long.parseLong(value) * 8 / 1024 + " MB";
                } else if (unit != null) {
                    value = value + " " + unit;
                }
                settings.append(settings.isEmpty() ? "" : ", ")
                        .append(rows.getString(1).equals("server_version") ? value : rows.getString(1) + " " + value);
            }
            return settings.toString();
        }
    }

    PostgresActivity minus(PostgresActivity before) {
        return new PostgresActivity(walRecords - before.walRecords, walFullPageImages - before.walFullPageImages,
                walBytes - before.walBytes, checkpoints - before.checkpoints,
                buffersByCheckpointer - before.buffersByCheckpointer,
                buffersByBackgroundWriter - before.buffersByBackgroundWriter, buffersByBackends - before.buffersByBackends,
                blocksRead - before.blocksRead, blocksHit - before.blocksHit);
    }

    PostgresActivity plus(PostgresActivity other) {
        return new PostgresActivity(walRecords + other.walRecords, walFullPageImages + other.walFullPageImages,
                walBytes + other.walBytes, checkpoints + other.checkpoints,
                buffersByCheckpointer + other.buffersByCheckpointer,
                buffersByBackgroundWriter + other.buffersByBackgroundWriter, buffersByBackends + other.buffersByBackends,
                blocksRead + other.blocksRead, blocksHit + other.blocksHit);
    }

    /** Per unit of work (e.g. per replayed event), for a row's note. */
    String per(double units, String unit) {
        return String.format(Locale.ROOT,
                "PostgreSQL per %s: WAL %s bytes (%s full-page images per thousand), 8 KB buffers written out by the"
                        + " checkpointer %s, the background writer %s and backends %s per thousand, blocks read from"
                        + " outside shared buffers %s per thousand (hit %s); %d checkpoint%s meanwhile",
                unit, Report.number(walBytes / units), Report.number(walFullPageImages * 1000 / units),
                Report.number(buffersByCheckpointer * 1000 / units), Report.number(buffersByBackgroundWriter * 1000 / units),
                Report.number(buffersByBackends * 1000 / units), Report.number(blocksRead * 1000 / units),
                Report.number(blocksHit * 1000 / units), checkpoints, checkpoints == 1 ? "" : "s");
    }
}

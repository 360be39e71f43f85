package io.techex.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server on which the kit may create databases, reached through an administrative database.
 *
 * @param adminUrl    JDBC URL of a database to run {@code CREATE DATABASE} from
 * @param username    user allowed to create databases
 * @param password    its password, possibly empty
 * @param description what this server is, for the log
 */
record PostgresServer(String adminUrl, String username, String password, String description) {

    static final String DATABASE_PREFIX = "techex_t_";
    /** UTC minute in the database name, so leftovers of crashed runs can be told by age. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyMMddHHmm");

    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]*)(/[^?]*)?(\\?.*)?$");
    private static final Pattern OUR_DATABASE = Pattern.compile("^" + DATABASE_PREFIX + "(\\d{10})_.*");
    private static final int CONNECT_TIMEOUT_SECONDS = 5;

    PostgresServer {
        if (!URL.matcher(adminUrl).matches()) {
            throw new IllegalArgumentException("Not a jdbc:postgresql://host[:port]/database URL: " + adminUrl);
        }
        password = password == null ? "" : password;
    }

    /** The admin URL with its database replaced by {@code database}, keeping host, port and parameters. */
    String databaseUrl(String database) {
        Matcher url = URL.matcher(adminUrl);
        if (!url.matches()) {
            throw new IllegalStateException(adminUrl);
        }
        return url.group(1) + "/" + database + (url.group(3) == null ? "" : url.group(3));
    }

    Connection connect(String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.setProperty("ApplicationName", "techex-testkit");
        return DriverManager.getConnection(url, properties);
    }

    /** Opens and closes an admin connection, so an unusable server is reported before any test needs it. */
    void check() throws SQLException {
        try (Connection ignored = connect(adminUrl)) {
            // connecting is the check
        }
    }

    /** Creates {@code database} with the extensions TechEx relies on (accent-insensitive and fuzzy search). */
    void createDatabase(String database) {
        try (Connection admin = connect(adminUrl); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE \"" + database + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + database + " on " + description, e);
        }
        try (Connection connection = connect(databaseUrl(database)); Statement statement = connection.createStatement()) {
            statement.execute("CREATE EXTENSION IF NOT EXISTS unaccent");
            statement.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm");
            // as on a deployed server (infra/deploy/postgres/init-techex.sh) and by default since PostgreSQL 15: only
            // the owner creates in the public schema, not the services' own roles
            statement.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        } catch (SQLException e) {
            dropDatabase(database);
            throw new IllegalStateException("Cannot create extensions unaccent and pg_trgm in test database " + database
                    + " on " + description + " (they ship in PostgreSQL's contrib package)", e);
        }
    }

    /** Drops {@code database}, disconnecting whoever still uses it. */
    void dropDatabase(String database) {
        try (Connection admin = connect(adminUrl); Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot drop test database " + database + " on " + description, e);
        }
    }

    /** Drops the kit's databases named with a time before {@code cutoff} (UTC): leftovers of runs that crashed. */
    List<String> dropDatabasesOlderThan(LocalDateTime cutoff) throws SQLException {
        List<String> stale = new ArrayList<>();
        try (Connection admin = connect(adminUrl);
             Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT datname FROM pg_database WHERE datname LIKE 'techex\\_t\\_%'")) {
            while (rows.next()) {
                Matcher name = OUR_DATABASE.matcher(rows.getString(1));
                if (name.matches() && createdBefore(name.group(1), cutoff)) {
                    stale.add(name.group());
                }
            }
        }
        for (String database : stale) {
            dropDatabase(database);
        }
        return stale;
    }

    private static boolean createdBefore(String stamp, LocalDateTime cutoff) {
        try {
            return LocalDateTime.parse(stamp, STAMP).isBefore(cutoff);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}

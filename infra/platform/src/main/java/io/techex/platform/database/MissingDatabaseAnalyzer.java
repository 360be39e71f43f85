package io.techex.platform.database;

import org.postgresql.Driver;
import org.postgresql.PGProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import java.sql.SQLException;
import java.util.Properties;

/**
 * A service pointed at a PostgreSQL database that does not exist (SQLSTATE {@code 3D000}) says so in one report,
 * with the command that creates it, instead of a start-up failure buried in a hundred lines of stack trace: the
 * database is the one thing an operator must create by hand, every service's schema in it comes from Flyway.
 */
public class MissingDatabaseAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    static final String DATABASE_DOES_NOT_EXIST = "3D000";

    private final Environment environment;

    public MissingDatabaseAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        SQLException missing = find(cause);
        if (missing == null) {
            return null;
        }
        String url = environment.getProperty("spring.datasource.url", "");
        // the administrator Flyway connects as creates it, not the service's own role
        String user = environment.getProperty("spring.flyway.user",
                environment.getProperty("spring.datasource.username", "postgres"));
        Properties parsed = url.isEmpty() ? null : Driver.parseURL(url, null);
        if (parsed == null) {
            return new FailureAnalysis("The service's PostgreSQL database does not exist: " + missing.getMessage(),
                    "Create it (createdb), or point spring.datasource.url at a database that exists.", missing);
        }
        String host = PGProperty.PG_HOST.getOrDefault(parsed);
        String port = PGProperty.PG_PORT.getOrDefault(parsed);
        String database = PGProperty.PG_DBNAME.getOrDefault(parsed);
        return new FailureAnalysis(
                "The PostgreSQL database \"" + database + "\" does not exist on " + host + ":" + port
                        + " (spring.datasource.url=" + url + ").",
                "Create it, then start again:\n\n    createdb -h " + host + " -p " + port + " -U " + user + " " + database
                        + "\n\nor point spring.datasource.url (TECHEX_POSTGRES_URL for the launcher) at a database that exists."
                        + " The service creates its own schema and tables in it.",
                missing);
    }

    /** The connection error of a missing database, wherever in the chain a pool or Flyway put it. */
    private static SQLException find(Throwable failure) {
        for (Throwable current = failure; current != null && current.getCause() != current; current = current.getCause()) {
            if (current instanceof SQLException sql && DATABASE_DOES_NOT_EXIST.equals(sql.getSQLState())) {
                return sql;
            }
        }
        return null;
    }
}

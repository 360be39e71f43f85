package io.techex.platform.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Before a TechEx service builds anything, one connection to its database: if the database does not exist the
 * service stops at once, and {@link MissingDatabaseAnalyzer} says which one to create and how. Without it the
 * failure came from Flyway once Kafka, Axon and the web server had been set up, seconds later, in a long stack
 * trace. Any other outcome (the server unreachable, a wrong password) is left to the usual start, whose pool and
 * health checks deal with a database that comes and goes.
 * <p>
 * Runs once the context is prepared, after the test kit's initializer has put a test's own database in place.
 */
public class DatabaseExistsCheck implements ApplicationListener<ApplicationPreparedEvent> {

    private static final Logger log = LoggerFactory.getLogger(DatabaseExistsCheck.class);
    /** Seconds: the check must not hold the start up longer than the pool would. */
    private static final String CONNECT_TIMEOUT = "5";

    @Override
    public void onApplicationEvent(ApplicationPreparedEvent event) {
        Environment environment = event.getApplicationContext().getEnvironment();
        String url = environment.getProperty("spring.datasource.url");
        if (!environment.containsProperty("techex.service.name") || url == null || !url.startsWith("jdbc:postgresql:")) {
            return;
        }
        Properties credentials = new Properties();
        // as Flyway connects: the service's own role may not exist before the first migration
        credentials.setProperty("user", environment.getProperty("spring.flyway.user",
                environment.getProperty("spring.datasource.username", "")));
        credentials.setProperty("password", environment.getProperty("spring.flyway.password",
                environment.getProperty("spring.datasource.password", "")));
        credentials.setProperty("connectTimeout", CONNECT_TIMEOUT);
        credentials.setProperty("loginTimeout", CONNECT_TIMEOUT);
        try (Connection ignored = DriverManager.getConnection(url, credentials)) {
            log.debug("Database {} exists", url);
        } catch (SQLException failed) {
            if (MissingDatabaseAnalyzer.DATABASE_DOES_NOT_EXIST.equals(failed.getSQLState())) {
                throw new IllegalStateException("The database of " + url + " does not exist", failed);
            }
            log.debug("Database {} not reachable before start-up ({}); the start will try again", url, failed.toString());
        }
    }
}

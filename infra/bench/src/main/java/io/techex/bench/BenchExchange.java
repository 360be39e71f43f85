package io.techex.bench;

import io.techex.audit.AuditServiceApplication;
import io.techex.authserver.TechExAuthorizationServer;
import io.techex.console.WebConsoleApplication;
import io.techex.authserver.TokenMinter;
import io.techex.bidding.BiddingServiceApplication;
import io.techex.contract.ContractServiceApplication;
import io.techex.listing.ListingServiceApplication;
import io.techex.testkit.InProcessKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole exchange in one JVM (the exchange's process of a run, {@link ExchangeMain}), set up for measuring rather
 * than for a demo, which is why it is not {@code TechExLocal}: a fresh database {@code techex_bench_<time>} on the local PostgreSQL (an embedded one if none
 * answers), a fresh in-process broker in a temporary directory, the authorization server and the four services on
 * free ports (other engineers' exchanges on 8081-8084 and 9000 keep running), a namespace of its own for Kafka
 * topics and Redis keys, and the write limit raised so the load is not turned into 429s.
 */
final class BenchExchange implements AutoCloseable {

    static final String LISTING = ListingServiceApplication.CONFIG_NAME;
    static final String BIDDING = BiddingServiceApplication.CONFIG_NAME;
    static final String CONTRACT = ContractServiceApplication.CONFIG_NAME;
    static final String AUDIT = AuditServiceApplication.CONFIG_NAME;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, ConfigurableApplicationContext> services = new LinkedHashMap<>();
    private final String namespace = "bench" + System.currentTimeMillis();
    private final boolean keepDatabase;
    private InProcessKafkaBroker broker;
    private String jdbcUrl;
    private String adminUrl;
    private String database;
    private String dbUser = "postgres";
    private String dbPassword = "";
    private String pgHost = "127.0.0.1";
    private int pgPort = 5432;
    private String issuer;
    private String consoleUrl;
    private boolean closed;

    BenchExchange(boolean keepDatabase) {
        this.keepDatabase = keepDatabase;
    }

    /** Starts everything; {@code extra} are service properties ({@code key=value}) that win over the bench's own. */
    void start(Map<String, String> extra) throws Exception {
        broker = InProcessKafkaBroker.start();
        resources.add(broker);
        createDatabase();
        ConfigurableApplicationContext auth = TechExAuthorizationServer.start("--server.port=0", "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off", "--logging.include-application-name=false", "--logging.level.root=WARN");
        resources.add(auth);
        issuer = auth.getBean(TokenMinter.class).issuer();

        Map<String, Object> shared = new LinkedHashMap<>();
        shared.put("logging.include-application-name", false);
        shared.put("logging.level.root", "WARN");
        shared.put("spring.main.banner-mode", "off");
        shared.put("server.port", 0);
        shared.put("server.address", "127.0.0.1");
        shared.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        shared.put("spring.datasource.url", jdbcUrl);
        shared.put("spring.datasource.username", dbUser);
        shared.put("spring.datasource.password", dbPassword);
        shared.put("spring.flyway.user", dbUser);
        shared.put("spring.flyway.password", dbPassword);
        shared.put("techex.redis.host", "127.0.0.1");
        shared.put("techex.redis.port", 6379);
        shared.put("techex.namespace", namespace);
        shared.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        shared.put("techex.rate-limit.writes", 100_000_000);
        // The log sequencer waits this long for late records before giving entries their place; the bench's producers
        // are in this JVM on loopback, and the default 30 s would only make the proof scenario wait
        shared.put("techex.audit.log.settle", "5s");
        // a throwaway exchange: the audit log signs with a key generated at start, as in the launcher's demo mode
        shared.put("techex.demo-mode", true);
        shared.putAll(extra);

        Map<String, Class<?>> applications = new LinkedHashMap<>();
        applications.put(LISTING, ListingServiceApplication.class);
        applications.put(BIDDING, BiddingServiceApplication.class);
        applications.put(CONTRACT, ContractServiceApplication.class);
        applications.put(AUDIT, AuditServiceApplication.class);
        Map<String, CompletableFuture<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
        try (ExecutorService starter = Executors.newFixedThreadPool(applications.size())) {
            applications.forEach((name, application) -> starting.put(name, CompletableFuture.supplyAsync(() ->
                    new SpringApplicationBuilder(application).run(arguments(name, shared)), starter)));
        }
        for (var entry : starting.entrySet()) {
            ConfigurableApplicationContext context = entry.getValue().join();
            resources.add(0, context);
            services.put(entry.getKey(), context);
        }
    }

    private static String[] arguments(String configName, Map<String, Object> properties) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=" + configName);
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }

    private void createDatabase() throws Exception {
        database = "techex_bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss"));
        adminUrl = "jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres";
        try (Connection admin = DriverManager.getConnection(adminUrl, dbUser, dbPassword)) {
            admin.createStatement().execute("CREATE DATABASE " + database);
            jdbcUrl = "jdbc:postgresql://" + pgHost + ":" + pgPort + "/" + database;
            System.out.println("PostgreSQL: " + jdbcUrl + (keepDatabase ? " (kept)" : " (dropped at the end)"));
        } catch (SQLException unreachable) {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            resources.add(embedded);
            pgPort = embedded.getPort();
            database = "postgres";
            jdbcUrl = embedded.getJdbcUrl("postgres", "postgres");
            adminUrl = null;
            System.out.println("PostgreSQL: none at 127.0.0.1:5432 (" + unreachable.getMessage()
                    + "); using an embedded one on port " + pgPort);
        }
    }

    /** The web console, reading this exchange's listing-service and signing people in at its issuer. */
    String startConsole() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("logging.include-application-name", false);
        settings.put("logging.level.root", "WARN");
        settings.put("spring.main.banner-mode", "off");
        settings.put("server.port", 0);
        settings.put("server.address", "127.0.0.1");
        settings.put("spring.security.oauth2.client.provider.techex.issuer-uri", issuer);
        settings.put("techex.console.listing-url", baseUrl(LISTING));
        settings.put("techex.console.bidding-url", baseUrl(BIDDING));
        settings.put("techex.console.contract-url", baseUrl(CONTRACT));
        settings.put("techex.console.audit-url", baseUrl(AUDIT));
        ConfigurableApplicationContext console = WebConsoleApplication.start(arguments(WebConsoleApplication.CONFIG_NAME, settings));
        resources.add(0, console);
        consoleUrl = "http://127.0.0.1:" + console.getEnvironment().getProperty("local.server.port");
        return consoleUrl;
    }

    ConfigurableApplicationContext service(String name) {
        return services.get(name);
    }

    Map<String, ConfigurableApplicationContext> services() {
        return services;
    }

    String baseUrl(String service) {
        return "http://127.0.0.1:" + services.get(service).getEnvironment().getProperty("local.server.port");
    }

    String issuer() {
        return issuer;
    }

    String kafkaBootstrap() {
        return broker.bootstrapServers();
    }

    String namespace() {
        return namespace;
    }

    String topic(String service) {
        return namespace + ".techex." + service + ".events";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, dbUser, dbPassword);
    }

    String pgHost() {
        return pgHost;
    }

    int pgPort() {
        return pgPort;
    }

    String pgUser() {
        return dbUser;
    }

    String database() {
        return database;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String pgPassword() {
        return dbPassword;
    }

    int brokerPort() {
        return broker.port();
    }

    /** Stops everything and drops the database (unless kept); again, it does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("While stopping " + resource + ": " + e.getMessage());
            }
        }
        resources.clear();
        if (adminUrl != null && !keepDatabase) {
            try (Connection admin = DriverManager.getConnection(adminUrl, dbUser, dbPassword)) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("Could not drop " + database + ": " + e.getMessage());
            }
        }
    }
}

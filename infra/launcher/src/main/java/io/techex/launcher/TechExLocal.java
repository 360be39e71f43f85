package io.techex.launcher;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.techex.audit.AuditServiceApplication;
import io.techex.audit.log.SigningKey;
import io.techex.authserver.DemoDirectory;
import io.techex.authserver.TechExAuthorizationServer;
import io.techex.authserver.TokenMinter;
import io.techex.bidding.BiddingServiceApplication;
import io.techex.console.WebConsoleApplication;
import io.techex.contract.ContractServiceApplication;
import io.techex.listing.ListingServiceApplication;
import io.techex.notification.NotificationServiceApplication;
import io.techex.testkit.InProcessKafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The whole exchange in one process, for a laptop or a demo: an in-process KRaft Kafka broker (unless
 * {@code TECHEX_KAFKA_BOOTSTRAP} names one), the local PostgreSQL (database {@code techex}, created if missing;
 * an embedded PostgreSQL if none answers), the local Redis, the authorization server with the demo organisations
 * on port 9000 (unless {@code TECHEX_AUTH_ISSUER} names another issuer), a GreenMail mail server (SMTP 3025, IMAP 3143)
 * that notification-service mails through and people read their mail from, the five services on ports 8081–8085,
 * in {@link #demoMode() demo mode}, and the web console on port 8080. Ctrl-C stops everything cleanly.
 */
public final class TechExLocal {

    private static final String POSTGRES_URL = env("TECHEX_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/techex");
    private static final String POSTGRES_USER = env("TECHEX_POSTGRES_USER", "postgres");
    private static final String POSTGRES_PASSWORD = env("TECHEX_POSTGRES_PASSWORD", "");
    private static final String REDIS = env("TECHEX_REDIS", "127.0.0.1:6379");
    private static final String AUTH_ISSUER = env("TECHEX_AUTH_ISSUER", "");
    private static final String AUDIT_SIGNING_KEY = "TECHEX_AUDIT_SIGNING_KEY";

    /** Who can sign in to the console, as authserver.yml seeds them. */
    static final List<String> DEMO_PEOPLE = List.of(
            "lan.nguyen, hoa.pham   university  Đại học Bách khoa Hà Nội (hust)",
            "quang.le               university  Trường Đại học Bách khoa – ĐHQG-HCM (hcmut)",
            "thu.vo                 firm        Công ty CP Công nghệ sinh học Mê Kông (mekong-biotech)",
            "kenji.sato             firm        Kyoto Advanced Materials K.K. (kyoto-materials, Japan)",
            "an.do                  operator    Sàn giao dịch công nghệ TechEx (techex)",
            "minh.tran              regulator   Sở Khoa học và Công nghệ Hà Nội (dost-hanoi)");

    /** The demo mail server's ports; free ones are taken when these are in use. */
    static final int SMTP_PORT = 3025;
    static final int IMAP_PORT = 3143;

    private final List<AutoCloseable> resources = new ArrayList<>();
    private DemoDirectory directory;

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        TechExLocal exchange = new TechExLocal();
        Runtime.getRuntime().addShutdownHook(new Thread(exchange::stop, "techex-local-shutdown"));
        Map<String, ConfigurableApplicationContext> services;
        try {
            services = exchange.start();
        } catch (Exception | Error failure) {
            // the broker's threads would keep the JVM alive with nothing to serve: stop everything and say why
            System.err.println("TechEx could not start: " + failure);
            exchange.stop();
            System.exit(1);
            return;
        }
        System.out.printf("%nTechEx is up in %.1f s:%n", (System.nanoTime() - started) / 1e9);
        services.forEach((name, context) -> {
            String port = context.getEnvironment().getProperty("local.server.port");
            if (name.equals(WebConsoleApplication.CONFIG_NAME)) {
                return;
            }
            System.out.printf("  %-17s http://localhost:%s   (API docs: http://localhost:%s/swagger-ui.html)%n", name, port, port);
        });
        ConfigurableApplicationContext console = services.get(WebConsoleApplication.CONFIG_NAME);
        System.out.printf("%nOpen the web console: http://localhost:%s%n",
                console.getEnvironment().getProperty("local.server.port"));
        System.out.println("Sign in as one of the demo people (password 'demo' for all):");
        DEMO_PEOPLE.forEach(line -> System.out.println("  " + line));
        System.out.println("Or get a token for curl (people and roles in infra/authserver/src/main/resources/authserver.yml):");
        System.out.println("  curl -s -u lan.nguyen:demo -d grant_type=client_credentials http://localhost:9000/oauth2/token");
        System.out.println("Press Ctrl-C to stop.");
    }

    Map<String, ConfigurableApplicationContext> start() throws Exception {
        Map<String, Object> shared = new LinkedHashMap<>();
        // one JVM has one logging system: the application name would be whichever context started last
        shared.put("logging.include-application-name", false);
        shared.put("spring.kafka.bootstrap-servers", kafka());
        shared.putAll(postgres());
        HostAndPort redis = HostAndPort.from(REDIS);
        shared.put("techex.redis.host", redis.getHost());
        shared.put("techex.redis.port", redis.getPort());
        checkRedis(redis);
        String issuer = authorizationServer();
        shared.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer);
        shared.putAll(demoMode());
        shared.putAll(mailServer());

        Map<String, Class<?>> applications = new LinkedHashMap<>();
        applications.put(ListingServiceApplication.CONFIG_NAME, ListingServiceApplication.class);
        applications.put(BiddingServiceApplication.CONFIG_NAME, BiddingServiceApplication.class);
        applications.put(ContractServiceApplication.CONFIG_NAME, ContractServiceApplication.class);
        applications.put(AuditServiceApplication.CONFIG_NAME, AuditServiceApplication.class);
        applications.put(NotificationServiceApplication.CONFIG_NAME, NotificationServiceApplication.class);

        Map<String, CompletableFuture<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
        try (ExecutorService starter = Executors.newFixedThreadPool(applications.size())) {
            applications.forEach((configName, application) -> starting.put(configName, CompletableFuture.supplyAsync(() ->
                    new SpringApplicationBuilder(application).run(arguments(configName, shared)), starter)));
        }
        Map<String, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
        for (var entry : starting.entrySet()) {
            ConfigurableApplicationContext context = entry.getValue().join();
            resources.add(0, context);
            contexts.put(entry.getKey(), context);
        }
        ConfigurableApplicationContext console = new SpringApplicationBuilder(WebConsoleApplication.class)
                .run(arguments(WebConsoleApplication.CONFIG_NAME, consoleSettings(issuer, contexts)));
        resources.add(0, console);
        contexts.put(WebConsoleApplication.CONFIG_NAME, console);
        return contexts;
    }

    /**
     * The console signs people in at {@code issuer} and calls each service where it runs: {@code <name>-service}'s
     * address is its {@code techex.console.<name>-url}. It gets none of the services' settings: it has no database,
     * broker or Redis of its own.
     *
     * @param services the running services by configuration name ({@code listing-service}...)
     */
    public static Map<String, Object> consoleSettings(String issuer, Map<String, ConfigurableApplicationContext> services) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("logging.include-application-name", false);
        settings.put("spring.security.oauth2.client.provider.techex.issuer-uri", issuer);
        services.forEach((configName, service) -> settings.put(
                "techex.console." + configName.replace("-service", "") + "-url",
                "http://localhost:" + service.getEnvironment().getProperty("local.server.port")));
        return settings;
    }

    /**
     * Settings go in as command-line arguments: they must beat the platform's defaults, which rank above
     * {@code SpringApplication}'s default properties.
     */
    public static String[] arguments(String configName, Map<String, Object> properties) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=" + configName);
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }

    /**
     * The issuer the services trust: {@code TECHEX_AUTH_ISSUER}, or the demo authorization server started here on
     * port 9000. Started first, though the services would wait for it: they fetch its keys on the first request.
     */
    private String authorizationServer() {
        if (!AUTH_ISSUER.isBlank()) {
            System.out.println("Authorization server: " + AUTH_ISSUER + " (TECHEX_AUTH_ISSUER)");
            return AUTH_ISSUER;
        }
        ConfigurableApplicationContext authServer = TechExAuthorizationServer.start("--spring.main.banner-mode=off",
                "--logging.include-application-name=false");
        resources.add(authServer);
        directory = authServer.getBean(DemoDirectory.class);
        String issuer = authServer.getBean(TokenMinter.class).issuer();
        System.out.println("Authorization server: " + issuer + " (demo organisations and people, secret 'demo')");
        return issuer;
    }

    /**
     * Demo mode ({@code techex.demo-mode}): stand-ins for what production must configure. The audit log signs with a
     * key kept beside the Kafka log in {@code ~/.techex}, made at the first start, so that its tree heads keep one key
     * across restarts as the database keeps the log; {@code TECHEX_AUDIT_SIGNING_KEY} names another.
     */
    static Map<String, Object> demoMode() throws IOException {
        return demoMode(Path.of(System.getProperty("user.home"), ".techex"));
    }

    /** {@link #demoMode()} with its key in {@code techexHome} rather than {@code ~/.techex}. */
    static Map<String, Object> demoMode(Path techexHome) throws IOException {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("techex.demo-mode", true);
        if (System.getenv(AUDIT_SIGNING_KEY) == null || System.getenv(AUDIT_SIGNING_KEY).isBlank()) {
            Path key = techexHome.resolve("audit-log-key.pem");
            if (!Files.exists(key)) {
                Files.createDirectories(key.getParent());
                Files.writeString(key, SigningKey.newKeyPairPem());
                restrictToOwner(key);
            }
            properties.put("techex.audit.signing-key", key.toString());
            System.out.println("Audit log signing key: " + key + " (demo; " + AUDIT_SIGNING_KEY + " names another)");
        } else {
            System.out.println("Audit log signing key: " + AUDIT_SIGNING_KEY);
        }
        return properties;
    }

    /**
     * The demo's mail server, GreenMail: notification-service sends through its SMTP port, and each demo person reads
     * their mail over IMAP with their own id and the demo secret ({@code curl -s imap://localhost:3143/INBOX -u
     * lan.nguyen:demo -X 'SEARCH ALL'}, or any mail client). Mail to an address it does not know lands in a mailbox
     * whose login and password are that address. Nothing leaves the machine; the mailboxes are gone when it stops.
     */
    Map<String, Object> mailServer() {
        int smtp = isFree(SMTP_PORT) ? SMTP_PORT : freePort();
        int imap = isFree(IMAP_PORT) ? IMAP_PORT : freePort();
        GreenMail mail = new GreenMail(new ServerSetup[]{new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imap, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        resources.add(0, mail::stop);
        if (directory != null) {
            directory.members().stream().filter(member -> member.person().email() != null)
                    .forEach(member -> mail.setUser(member.person().email(), member.person().id(), "demo"));
        }
        System.out.printf("Mail: GreenMail, SMTP on %d, IMAP on %d (read a person's mail: curl -s imap://localhost:%d/INBOX"
                + " -u lan.nguyen:demo -X 'SEARCH ALL')%n", smtp, imap, imap);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", smtp);
        return properties;
    }

    /** A port nothing listens on now. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file stays as the user's profile directory protects it
        }
    }

    private String kafka() throws IOException {
        String given = System.getenv("TECHEX_KAFKA_BOOTSTRAP");
        if (given != null && !given.isBlank()) {
            System.out.println("Kafka: " + given + " (TECHEX_KAFKA_BOOTSTRAP)");
            return given;
        }
        Path dataDir = Path.of(System.getProperty("user.home"), ".techex", "kafka");
        Files.createDirectories(dataDir);
        int port = isFree(9092) ? 9092 : 0;
        InProcessKafkaBroker broker = port == 0 ? InProcessKafkaBroker.start() : InProcessKafkaBroker.start(port, dataDir);
        resources.add(broker);
        System.out.println("Kafka: in-process KRaft broker on " + broker.bootstrapServers());
        return broker.bootstrapServers();
    }

    private Map<String, Object> postgres() throws IOException {
        Map<String, Object> properties = new LinkedHashMap<>();
        try {
            createDatabaseIfMissing(POSTGRES_URL);
            properties.put("spring.datasource.url", POSTGRES_URL);
            // Flyway as the administrator; each service as its own role (techex_listing...), which has no password:
            // where the server wants one, the services connect as the administrator too
            properties.put("spring.flyway.user", POSTGRES_USER);
            properties.put("spring.flyway.password", POSTGRES_PASSWORD);
            if (!POSTGRES_PASSWORD.isEmpty()) {
                properties.put("spring.datasource.username", POSTGRES_USER);
                properties.put("spring.datasource.password", POSTGRES_PASSWORD);
            }
            System.out.println("PostgreSQL: " + POSTGRES_URL);
        } catch (SQLException unreachable) {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            resources.add(embedded);
            properties.put("spring.datasource.url", embedded.getJdbcUrl("postgres", "postgres"));
            properties.put("spring.flyway.user", "postgres");
            properties.put("spring.flyway.password", "");
            System.out.println("PostgreSQL: none at " + POSTGRES_URL + " (" + unreachable.getMessage()
                    + "); using an embedded one whose data is gone at exit. To keep data: apt-get install postgresql");
        }
        return properties;
    }

    /** Creates the database {@code url} names, connecting to the server's {@code postgres} database to do so. */
    static void createDatabaseIfMissing(String url) throws SQLException {
        int slash = url.lastIndexOf('/');
        String database = url.substring(slash + 1).replaceAll("\\?.*", "");
        String adminUrl = url.substring(0, slash + 1) + "postgres";
        try (Connection admin = DriverManager.getConnection(adminUrl, POSTGRES_USER, POSTGRES_PASSWORD);
             var exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (!exists.executeQuery().next()) {
                try (var create = admin.createStatement()) {
                    create.execute("CREATE DATABASE \"" + database.replace("\"", "") + "\"");
                }
            }
        }
    }

    static void checkRedis(HostAndPort redis) {
        try (Jedis jedis = new Jedis(redis, DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).build())) {
            jedis.ping();
            System.out.println("Redis: " + redis);
        } catch (RuntimeException unreachable) {
            System.out.println("Redis: none at " + redis + "; the exchange runs without idempotency keys and live boards"
                    + " until one does (apt-get install redis-server && redis-server --daemonize yes)");
        }
    }

    static boolean isFree(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return false;
        } catch (IOException nothingListens) {
            return true;
        }
    }

    void stop() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                System.err.println("While stopping " + resource + ": " + e.getMessage());
            }
        }
        resources.clear();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

package io.techex.launcher;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.fasterxml.jackson.databind.JsonNode;
import io.techex.audit.AuditServiceApplication;
import io.techex.bidding.BiddingServiceApplication;
import io.techex.contract.ContractServiceApplication;
import io.techex.contracts.EventJson;
import io.techex.listing.ListingServiceApplication;
import io.techex.notification.NotificationServiceApplication;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.TestTokens;
import io.techex.testkit.openapi.OpenApiConformance;
import io.techex.testkit.openapi.OpenApiConformanceExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The services in one JVM for an end-to-end test, as {@link TechExLocal} runs them: one test environment (one
 * fresh database with a schema per service, one namespace of topics, groups and Redis keys) on the test kit's
 * PostgreSQL, Kafka and Redis, each service on a free port, trusting the test kit's authorization server, and a
 * GreenMail server of their own that notification-service mails through. (Named when there were four; notification-
 * service is the fifth.) They talk only through the broker; a test acts on them over HTTP with real tokens
 * ({@link TestTokens}). Every answer is checked against its service's OpenAPI document, as in an
 * {@code @IntegrationTest}: a test class that extends {@link OpenApiConformanceExtension} fails on one that strays from it.
 */
public final class FourServices implements AutoCloseable {

    public enum Service {
        LISTING(ListingServiceApplication.class, ListingServiceApplication.CONFIG_NAME),
        BIDDING(BiddingServiceApplication.class, BiddingServiceApplication.CONFIG_NAME),
        CONTRACT(ContractServiceApplication.class, ContractServiceApplication.CONFIG_NAME),
        AUDIT(AuditServiceApplication.class, AuditServiceApplication.CONFIG_NAME),
        NOTIFICATION(NotificationServiceApplication.class, NotificationServiceApplication.CONFIG_NAME);

        final Class<?> application;
        final String configName;

        Service(Class<?> application, String configName) {
            this.application = application;
            this.configName = configName;
        }

        /** Its configuration file's name, e.g. {@code listing-service}. */
        public String configName() {
            return configName;
        }
    }

    private final Map<Service, ConfigurableApplicationContext> contexts = new LinkedHashMap<>();
    private final TestEnvironment environment;
    private final GreenMail mail;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FourServices(TestEnvironment environment, GreenMail mail) {
        this.environment = environment;
        this.mail = mail;
    }

    /** Starts them all at once (as the launcher does), and stops those that did start if one fails. */
    public static FourServices start(String environmentName) {
        return start(environmentName, Map.of());
    }

    /** The same, with settings of the test's own that every service gets (they win over the environment's). */
    public static FourServices start(String environmentName, Map<String, Object> settings) {
        return start(environmentName, settings, null);
    }

    /**
     * The same, every service reading "now" from {@code clock} (their deadlines and the times their commands are
     * stamped with) instead of the system's: a test that moves it reaches an auction's end at once. Null keeps the
     * system's clock.
     */
    public static FourServices start(String environmentName, Map<String, Object> settings, Clock clock) {
        TestEnvironment env = TestInfrastructure.get().newEnvironment(environmentName);
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("server.port", 0);
        // one JVM has one logging system: the application name would be whichever context started last
        properties.put("logging.include-application-name", false);
        properties.put("spring.main.banner-mode", "off");
        properties.putAll(settings);
        TestTokens.get(); // the authorization server, before the services ask it for its keys at once
        GreenMail mail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        mail.start();
        properties.put("spring.mail.host", "127.0.0.1");
        properties.put("spring.mail.port", mail.getSmtp().getPort());

        FourServices services = new FourServices(env, mail);
        Map<Service, CompletableFuture<ConfigurableApplicationContext>> starting = new LinkedHashMap<>();
        try (ExecutorService starter = Executors.newFixedThreadPool(Service.values().length)) {
            for (Service service : Service.values()) {
                starting.put(service, CompletableFuture.supplyAsync(() -> withClock(new SpringApplicationBuilder(service.application), clock)
                        .initializers(OpenApiConformance.initializer())
                        .run(TechExLocal.arguments(service.configName, properties)), starter));
            }
        }
        List<Throwable> failures = new ArrayList<>();
        starting.forEach((service, context) -> {
            try {
                services.contexts.put(service, context.join());
            } catch (RuntimeException failed) {
                failures.add(failed);
            }
        });
        if (!failures.isEmpty()) {
            services.close();
            IllegalStateException failure = new IllegalStateException("Not every service started");
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
        return services;
    }

    /** The application's clock bean is {@code clock}, registered before any configuration asks for one. */
    public static SpringApplicationBuilder withClock(SpringApplicationBuilder application, Clock clock) {
        return clock == null ? application : application.initializers(context ->
                context.getBeanFactory().registerSingleton("clock", clock));
    }

    HttpResponse<String> get(Service service, String path, String person) throws Exception {
        return send(service, "GET", path, null, person);
    }

    HttpResponse<String> post(Service service, String path, String body, String person) throws Exception {
        return send(service, "POST", path, body, person);
    }

    HttpResponse<String> put(Service service, String path, String body, String person) throws Exception {
        return send(service, "PUT", path, body, person);
    }

    /** Acts as {@code person} with the token the authorization server issued them; the token names their organisation. */
    public HttpResponse<String> send(Service service, String method, String path, String body, String person) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(service) + path))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", TestTokens.get().bearer(person));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static JsonNode json(HttpResponse<String> response) throws Exception {
        return EventJson.mapper().readTree(response.body());
    }

    private String port(Service service) {
        return contexts.get(service).getEnvironment().getProperty("local.server.port");
    }

    /** {@code http://localhost:<port>} of {@code service}. */
    public String base(Service service) {
        return "http://localhost:" + port(service);
    }

    public ConfigurableApplicationContext context(Service service) {
        return contexts.get(service);
    }

    /** What notification-service mailed. */
    public GreenMail mail() {
        return mail;
    }

    /** The database, namespace and broker they share. */
    public TestEnvironment environment() {
        return environment;
    }

    /** Stops the services in the reverse order of their start, each whatever the others do. */
    @Override
    public void close() {
        List<ConfigurableApplicationContext> running = new ArrayList<>(contexts.values());
        contexts.clear();
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (RuntimeException e) {
                System.err.println("While stopping a service: " + e);
            }
        }
        mail.stop();
    }
}

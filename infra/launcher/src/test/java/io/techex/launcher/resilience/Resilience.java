package io.techex.launcher.resilience;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the resilience tests share: starting services on one test environment, acting on them over HTTP with real
 * tokens, and counting what reached the event stores, the topic and the audit trail. The checks read the tables
 * directly (one database, a schema per service), because "nothing lost, nothing twice" is a statement about rows.
 */
final class Resilience {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicInteger TITLES = new AtomicInteger();

    private Resilience() {
    }

    /**
     * The environment's settings for one service in this JVM. The write limit is raised because these tests send
     * more writes per organisation than a person would (the limit is counted in Redis and is not under test here).
     */
    static Map<String, Object> properties(TestEnvironment env) {
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("server.port", 0);
        properties.put("logging.include-application-name", false);
        properties.put("spring.main.banner-mode", "off");
        properties.put("techex.rate-limit.writes", 100_000);
        // PostgreSQL's 100 connections are shared with every other test run on the machine: a small pool each
        properties.put("spring.datasource.hikari.maximum-pool-size", 6);
        properties.put("spring.datasource.hikari.minimum-idle", 1);
        return properties;
    }

    static String[] arguments(String configName, Map<String, Object> properties) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=" + configName);
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }

    static ConfigurableApplicationContext start(Class<?> application, String configName, Map<String, Object> properties) {
        return new SpringApplicationBuilder(application).run(arguments(configName, properties));
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HttpResponse<String> send(int port, String method, String path, String body, String person) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", TestTokens.get().bearer(person));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A draft complete enough to be submitted; titles differ so that each listing can be told apart in logs. */
    static String draft(int readiness) {
        return """
                {"title": {"vi": "Cảm biến độ mặn %d", "en": "Salinity sensor %d"},
                 "summary": {"vi": "Cảm biến giá rẻ cho nông dân vùng ven biển."},
                 "assetType": "TECHNICAL_SOLUTION", "readinessLevel": %d,
                 "dealTypes": [{"dealType": "NON_EXCLUSIVE_LICENCE", "territory": "VN"}],
                 "askingPrice": {"amount": "250000000", "currency": "VND"},
                 "regulatoryCategory": "ENCOURAGED", "stateFunded": false}""".formatted(TITLES.incrementAndGet(),
                TITLES.get(), readiness);
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return EventJson.mapper().readTree(response.body());
    }

    /** Drafts a listing as the university and returns its id, failing on anything but 201. */
    static String draftListing(int port) throws Exception {
        HttpResponse<String> created = send(port, "POST", "/listings", draft(4), TestTokens.UNIVERSITY);
        if (created.statusCode() != 201) {
            throw new AssertionError("draft answered " + created.statusCode() + ": " + created.body());
        }
        return json(created).get("listingId").asText();
    }

    /** The environment's database, schemas named explicitly in every query. */
    static JdbcTemplate database(TestEnvironment env) {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), env.jdbcUrl(),
                env.username(), env.password());
        return new JdbcTemplate(dataSource);
    }

    /** Event id to listing id of every event in listing-service's store. */
    static Map<String, String> storedListingEvents(JdbcTemplate db) {
        Map<String, String> events = new HashMap<>();
        db.query("SELECT event_identifier, aggregate_identifier FROM listing.domain_event_entry",
                row -> {
                    events.put(row.getString(1), row.getString(2));
                });
        return events;
    }

    /** What audit-service holds of the listing events: trail rows and inbox rows, each counted per event id. */
    record AuditCount(int trailRows, int distinctTrailIds, int inboxRows, Set<String> trailIds) {
    }

    static AuditCount audited(JdbcTemplate db) {
        List<String> ids = db.queryForList(
                "SELECT event_id FROM audit.trail_entry WHERE event_type LIKE 'io.techex.listing.%'", String.class);
        Integer inbox = db.queryForObject(
                "SELECT count(*) FROM audit.processed_event WHERE consumer = 'trail' AND event_type LIKE 'io.techex.listing.%'",
                Integer.class);
        return new AuditCount(ids.size(), Set.copyOf(ids).size(), inbox, Set.copyOf(ids));
    }

    /**
     * Trail entries of a listing recorded out of its event order: the trail's positions, read in order per listing,
     * must follow the sequence numbers the listing's events have in its store.
     */
    static int trailOrderViolations(JdbcTemplate db) {
        return db.queryForObject("""
                SELECT count(*) FROM (
                    SELECT e.sequence_number,
                           lag(e.sequence_number) OVER (PARTITION BY e.aggregate_identifier ORDER BY t.position) AS previous
                    FROM audit.trail_entry t JOIN listing.domain_event_entry e ON e.event_identifier = t.event_id) ordered
                WHERE previous IS NOT NULL AND sequence_number <= previous""", Integer.class);
    }

    /**
     * The listings whose trail is out of their order, every entry of each: its event's sequence number, its place in
     * the trail and where it came from on Kafka, so that a failure says whether the topic or the recording reordered.
     */
    static String trailOrderReport(JdbcTemplate db) {
        return String.join("\n", db.query("""
                WITH entries AS (
                    SELECT e.aggregate_identifier AS listing, e.sequence_number AS seq, t.position, t.kafka_partition,
                           t.kafka_offset, t.recorded_at,
                           lag(e.sequence_number) OVER (PARTITION BY e.aggregate_identifier ORDER BY t.position) AS previous
                    FROM audit.trail_entry t JOIN listing.domain_event_entry e ON e.event_identifier = t.event_id)
                SELECT * FROM entries WHERE listing IN (SELECT listing FROM entries WHERE seq <= previous)
                ORDER BY listing, position""",
                (row, n) -> String.format("listing %s: sequence %d at trail position %d, partition %d offset %d, recorded %s",
                        row.getString("listing"), row.getLong("seq"), row.getLong("position"), row.getInt("kafka_partition"),
                        row.getLong("kafka_offset"), row.getTimestamp("recorded_at").toInstant())));
    }

    /** CloudEvent ids of the records read so far, in topic order (repeats kept). */
    static List<String> cloudEventIds(List<KafkaRecords.Received> records) {
        List<String> ids = new ArrayList<>(records.size());
        for (KafkaRecords.Received record : records) {
            try {
                ids.add(EventJson.mapper().readTree(record.valueAsString()).get("id").asText());
            } catch (Exception e) {
                throw new AssertionError("not a structured CloudEvent: " + record, e);
            }
        }
        return ids;
    }

    static long distinct(List<String> ids) {
        return ids.stream().distinct().count();
    }
}

package io.techex.audit.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.techex.audit.AuditTestSupport;
import io.techex.platform.events.Topics;
import io.techex.testkit.IntegrationTest;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.Registration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert rules and the Grafana dashboard in infra/deploy name only metrics a running service exposes: each name
 * in their expressions must be a series on audit-service's {@code /actuator/prometheus} (audit-service consumes
 * topics, keeps the log and runs every platform meter, so it has them all) once it has done what they count.
 */
@IntegrationTest
class MetricsAndAlertsTest {

    private static final Path DEPLOY = Path.of("..", "infra", "deploy");
    /** Metric names in PromQL: the families Boot, Kafka's clients and the exchange publish. */
    private static final Pattern METRIC = Pattern.compile("\\b(?:techex|kafka|jvm|http|hikaricp|process|tomcat)_[a-z0-9_]+\\b");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A command only this test handles, so that the command counter has a series. */
    record Probe(String note) {
    }

    @LocalServerPort
    int port;
    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    Topics topics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CommandBus commandBus;
    @Autowired
    MeterRegistry registry;
    @Autowired
    TestEnvironment env;

    @Test
    void everyMetricTheAlertsAndTheDashboardNameIsScraped() throws IOException {
        Set<String> named = new TreeSet<>();
        named.addAll(names(alertExpressions()));
        named.addAll(names(dashboardExpressions()));
        assertThat(named).as("the rules watch what #18 asks for").contains("techex_relay_lag",
                "kafka_consumer_fetch_manager_records_lag", "techex_dead_letters_total", "techex_deadlines_overdue",
                "techex_audit_tree_head_age_seconds", "techex_audit_log_unsigned");

        useTheService();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(named).as("metric names the rules and the dashboard use").isSubsetOf(scrapedNames()));
    }

    @Test
    void theAuditLogGaugesSayWhatTheTablesSay() {
        String asset = UUID.randomUUID().toString();
        CloudEvent event = AuditTestSupport.listingDrafted(asset, Instant.now());
        kafka.send(topics.eventsOf("listing"), asset, event).join();
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM log_leaf WHERE event_id = ?", Integer.class, event.getId()) == 1);
        HttpResponse<String> signed = AuditTestSupport.post(port, "/audit/log/tree-heads", TestTokens.REGULATOR);
        assertThat(signed.statusCode()).as(signed.body()).isIn(200, 201);

        Map<String, Double> scraped = scrapedValues();
        long leaves = jdbc.queryForObject("SELECT count(*) FROM log_leaf", Long.class);
        long signedSize = jdbc.queryForObject("SELECT max(tree_size) FROM tree_head", Long.class);
        assertThat(scraped.get("techex_audit_log_size")).isEqualTo((double) leaves);
        assertThat(scraped.get("techex_audit_log_unsigned")).isEqualTo((double) (leaves - signedSize));
        assertThat(scraped.get("techex_audit_tree_head_age_seconds")).as("just signed").isBetween(0.0, 60.0);
        assertThat(scraped.get("techex_audit_log_pending"))
                .isEqualTo(jdbc.queryForObject("SELECT count(*) FROM log_pending", Double.class));
    }

    @Test
    void recordsHandedToTheDeadLetterTopicAreCountedByTheTopicTheyCameFrom() throws Exception {
        String topic = topics.eventsOf("listing");
        Counter deadLetters = registry.get("techex.dead.letters").tag("topic", topic).counter();
        double before = deadLetters.count();

        try (var raw = new KafkaProducer<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
            raw.send(new ProducerRecord<>(topic, UUID.randomUUID().toString(),
                    "not a cloud event".getBytes(StandardCharsets.UTF_8))).get();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.count() == before + 1);
    }

    /** An event through Kafka into the log, and a command through the bus: what the counters and Kafka's meters count. */
    private void useTheService() {
        String asset = UUID.randomUUID().toString();
        kafka.send(topics.eventsOf("listing"), asset, AuditTestSupport.listingDrafted(asset, Instant.now())).join();
        Registration handler = commandBus.subscribe(Probe.class.getName(), (CommandMessage<?> command) -> "done");
        try {
            DefaultCommandGateway.builder().commandBus(commandBus).build().sendAndWait(new Probe("metrics"));
        } finally {
            handler.cancel();
        }
        scrape(); // HTTP's own meters exist from the first request on
    }

    private static List<String> alertExpressions() throws IOException {
        try (Reader reader = Files.newBufferedReader(DEPLOY.resolve("prometheus/alerts.yml"))) {
            Map<String, List<Map<String, List<Map<String, Object>>>>> rules = new Yaml().load(reader);
            return rules.get("groups").stream().flatMap(group -> group.get("rules").stream())
                    .peek(rule -> assertThat(rule).containsKeys("alert", "expr", "labels", "annotations"))
                    .map(rule -> rule.get("expr").toString()).toList();
        }
    }

    private static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/techex.json").toFile());
        List<String> expressions = dashboard.findValues("expr").stream().map(JsonNode::asText).toList();
        assertThat(expressions).as("the dashboard's queries").isNotEmpty();
        return expressions;
    }

    private static Set<String> names(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = METRIC.matcher(expression);
            while (matcher.find()) {
                names.add(matcher.group());
            }
        }
        return names;
    }

    private Set<String> scrapedNames() {
        return samples().map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toSet());
    }

    /** audit's gauges of the log, one sample each (tagged only with the application). */
    private Map<String, Double> scrapedValues() {
        return samples().filter(line -> line.startsWith("techex_audit_log_") || line.startsWith("techex_audit_tree_"))
                .collect(Collectors.toMap(line -> line.split("[{ ]", 2)[0],
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
    }

    private Stream<String> samples() {
        return Arrays.stream(scrape().split("\n")).filter(line -> !line.isBlank() && !line.startsWith("#"));
    }

    private String scrape() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/actuator/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

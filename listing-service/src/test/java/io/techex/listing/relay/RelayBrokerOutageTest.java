package io.techex.listing.relay;

import io.cloudevents.CloudEvent;
import io.techex.contracts.EventJson;
import io.techex.listing.ListingServiceApplication;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.testkit.InProcessKafkaBroker;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import io.techex.testkit.KafkaRecords;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox under a broker outage: a real Kafka broker of its own is stopped while sellers keep drafting and
 * revising, then restarted. Every event accepted meanwhile must reach the topic, once each in effect, in order
 * per listing.
 */
class RelayBrokerOutageTest {

    static InProcessKafkaBroker broker;
    static ConfigurableApplicationContext service;
    static TestEnvironment env;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        broker = InProcessKafkaBroker.start();
        env = TestInfrastructure.get().newEnvironment("outage");
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        properties.put("server.port", 0);
        properties.put("techex.relay.max-block", "1s");
        properties.put("techex.relay.delivery-timeout", "3s");
        service = new SpringApplicationBuilder(ListingServiceApplication.class)
                .run(arguments(properties));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void everyEventAcceptedWhileKafkaIsDownArrivesInOrderPerListingOnceItIsBack() throws Exception {
        String topic = service.getBean(Topics.class).events();
        List<String> before = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            before.add(draft());
        }
        try (var reader = KafkaRecords.read(broker.bootstrapServers(), topic)) {
            reader.await(seen -> keys(seen).containsAll(before), Duration.ofSeconds(20));
        }

        broker.stop();
        List<String> duringOutage = new ArrayList<>();
        int revisionsEach = 3;
        for (int i = 0; i < 5; i++) {
            String listingId = draft();
            for (int revision = 0; revision < revisionsEach; revision++) {
                assertThat(send("PUT", "/listings/" + listingId + "/draft", 5 + revision % 3).statusCode())
                        .as("commands are accepted while Kafka is down").isEqualTo(200);
            }
            duringOutage.add(listingId);
        }
        JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
        int stored = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Integer.class);
        assertThat(stored).isEqualTo(3 + duringOutage.size() * (1 + revisionsEach));

        broker.restart();
        List<KafkaRecords.Received> records;
        try (var reader = KafkaRecords.read(broker.bootstrapServers(), topic)) {
            records = reader.await(seen -> distinctIds(seen) == stored, Duration.ofSeconds(90));
        }

        Map<String, List<Long>> sequencesPerListing = new HashMap<>();
        var firstSeen = new LinkedHashSet<String>();
        for (KafkaRecords.Received record : records) {
            CloudEvent event = StructuredCloudEvents.of(record);
            if (firstSeen.add(event.getId())) {
                long sequence = Long.parseLong(String.valueOf(event.getExtension(CloudEventMapper.AGGREGATE_SEQUENCE)));
                sequencesPerListing.computeIfAbsent(record.key(), k -> new ArrayList<>()).add(sequence);
            }
        }
        for (String listingId : duringOutage) {
            assertThat(sequencesPerListing.get(listingId)).as("events of " + listingId + " in store order")
                    .containsExactly(0L, 1L, 2L, 3L);
        }
        System.out.printf("broker outage: %d events stored, %d accepted while down, %d records on the topic, %d distinct, 0 lost%n",
                stored, duringOutage.size() * (1 + revisionsEach), records.size(), firstSeen.size());
    }

    private static String draft() throws Exception {
        HttpResponse<String> response = send("POST", "/listings", 4);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return EventJson.mapper().readTree(response.body()).get("listingId").asText();
    }

    private static HttpResponse<String> send(String method, String path, int readiness) throws Exception {
        String port = service.getEnvironment().getProperty("local.server.port");
        String body = """
                {"title": {"vi": "Cảm biến đo độ mặn"}, "summary": {"vi": "Cảm biến giá rẻ cho nông dân."},
                 "assetType": "TECHNICAL_SOLUTION", "readinessLevel": %d}""".formatted(readiness);
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", TestTokens.get().bearer(TestTokens.UNIVERSITY))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> keys(List<KafkaRecords.Received> records) {
        return records.stream().map(KafkaRecords.Received::key).toList();
    }

    private static long distinctIds(List<KafkaRecords.Received> records) {
        return records.stream().map(r -> StructuredCloudEvents.of(r).getId()).distinct().count();
    }

    static String[] arguments(Map<String, Object> properties) {
        List<String> arguments = new ArrayList<>();
        arguments.add("--spring.config.name=" + ListingServiceApplication.CONFIG_NAME);
        properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
        return arguments.toArray(String[]::new);
    }
}

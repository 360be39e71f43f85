package io.techex.platform.relay;

import io.techex.platform.actor.Actor;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A service whose Kafka is gone: it starts without waiting out the topic check's timeout, is ready (the event store is
 * the outbox, so commands are still accepted), and its health group {@code relay} says the relay cannot publish, since
 * when, and how many stored events wait, a number that grows with every event accepted. The shared broker cannot be
 * stopped, so this service's bootstrap address is a port where nothing listens; started by hand because the test kit's
 * own Kafka address would win over a test property. With the broker there, {@link KafkaRelayTest} sees the relay
 * publishing and caught up.
 */
class RelayWithoutKafkaTest {

    /** Longer than the start may take: before the reachability probe an absent broker cost this much at start. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Actor SELLER = new Actor("lan.nguyen", "hust", Actor.Role.UNIVERSITY);

    static ConfigurableApplicationContext service;
    static HttpClient client = HttpClient.newHttpClient();
    static int port;
    static Duration startup;

    @BeforeAll
    static void startWithoutKafka() throws IOException {
        TestEnvironment env = TestInfrastructure.get().newEnvironment(RelayTestApplication.SERVICE_NAME);
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("spring.kafka.bootstrap-servers", "127.0.0.1:" + closedPort());
        properties.put("techex.service.name", RelayTestApplication.SERVICE_NAME);
        properties.put("spring.flyway.locations", "classpath:db/platform");
        properties.put("server.port", 0);
        properties.put("techex.kafka.topics.check-timeout", CHECK_TIMEOUT.toSeconds() + "s");
        // a batch fails after a second of waiting for the broker's metadata rather than five
        properties.put("techex.relay.max-block", "1s");
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        Instant started = Instant.now();
        service = new SpringApplicationBuilder(RelayTestApplication.class).run(args.toArray(String[]::new));
        startup = Duration.between(started, Instant.now());
        System.out.printf("RelayWithoutKafkaTest: started without a broker in %d ms%n", startup.toMillis());
        port = Integer.parseInt(service.getEnvironment().getRequiredProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void startsWithoutWaitingOutTheTopicCheckAndIsReady() {
        assertThat(startup).as("start without a broker").isLessThan(CHECK_TIMEOUT);

        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(json(readiness).path("status").asString()).isEqualTo("UP");
        assertThat(json(readiness).path("components").has("kafkaRelay")).as("the relay is no part of readiness").isFalse();

        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode relay = json(health).path("components").path("kafkaRelay");
        assertThat(relay.path("status").asString()).as(health.body()).isEqualTo("UP");
        assertThat(relay.has("details")).as("no details on the public /actuator/health").isFalse();
    }

    @Test
    void theRelayGroupSaysTheRelayCannotPublishAndItsLagGrowsWithEveryEventAccepted() {
        append(1);
        JsonNode failing = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> relay(), r -> "broker-unreachable".equals(r.path("details").path("state").asString())
                        && r.path("details").path("lag").asLong() >= 1);
        JsonNode details = failing.path("details");
        assertThat(failing.path("status").asString()).as("the relay's trouble is no health problem of the service")
                .isEqualTo("UP");
        assertThat(Instant.parse(details.path("since").asString())).isBeforeOrEqualTo(Instant.now());
        assertThat(details.path("lastFailure").asString()).as(failing.toString()).isNotBlank();
        assertThat(details.has("lastAcknowledged")).as(failing.toString()).isFalse();
        assertThat(failing.toString()).as("no broker address in the public details").doesNotContain("127.0.0.1");
        long lag = details.path("lag").asLong();
        long position = details.path("position").asLong();

        append(3);
        JsonNode later = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> relay(), r -> r.path("details").path("lag").asLong() >= lag + 3);
        assertThat(later.path("details").path("state").asString()).isEqualTo("broker-unreachable");
        assertThat(later.path("details").path("since").asString()).as("still failing since the first failure")
                .isEqualTo(details.path("since").asString());
        assertThat(later.path("details").path("position").asLong()).as("nothing acknowledged").isEqualTo(position);
        assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    private static JsonNode relay() {
        HttpResponse<String> response = get("/actuator/health/relay");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("components").path("kafkaRelay");
    }

    /** Events a command would store: public ones, which the relay must get onto Kafka. */
    private static void append(int count) {
        EventStore store = service.getBean(EventStore.class);
        List<EventMessage<?>> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String asset = UUID.randomUUID().toString();
            events.add(new GenericDomainEventMessage<>("Asset", asset, 0,
                    new KafkaRelayTest.AssetNoted(asset, 0, "Cảm biến đo độ mặn"), MetaData.from(SELLER.asMetaData())));
        }
        store.publish(events);
    }

    private static HttpResponse<String> get(String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

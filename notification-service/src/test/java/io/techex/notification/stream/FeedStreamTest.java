package io.techex.notification.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.techex.contracts.EventJson;
import io.techex.notification.Exchange;
import io.techex.notification.NotificationServiceApplication;
import io.techex.notification.NotificationTest;
import io.techex.platform.events.Topics;
import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import static io.techex.notification.Exchange.json;
import static io.techex.notification.Exchange.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed live over Server-Sent Events: a watcher hears of its organisation's new notifications, and only of those,
 * wherever it is connected (the notification is written by one instance, the watcher is on another, Redis between).
 */
@NotificationTest
class FeedStreamTest {

    @Autowired
    KafkaTemplate<String, CloudEvent> kafka;
    @Autowired
    Topics topics;
    @Autowired
    TestEnvironment env;
    @LocalServerPort
    int port;

    Exchange exchange;

    @BeforeEach
    void exchange() {
        exchange = new Exchange(kafka, topics, port);
    }

    @Test
    void aWatcherHearsOfItsOrganisationsNewNotificationsOnlyAndResumesAfterTheLastItHeard() {
        try (Watcher mekong = new Watcher(port, TestTokens.FIRM, null); Watcher kyoto = new Watcher(port, TestTokens.FOREIGN_FIRM, null)) {
            assertThat(mekong.awaitEvent("feed").path("unread").isNumber()).isTrue();
            kyoto.awaitEvent("feed");
            String listing = exchange.draftedListing("Enzyme chịu nhiệt", "Heat-stable enzyme");
            String first = counterOffer(listing);
            JsonNode heard = mekong.awaitNotification(first);
            assertThat(heard.path("kind").asText()).isEqualTo("OFFER_COUNTERED");
            assertThat(heard.path("subject").asText()).isEqualTo("«Enzyme chịu nhiệt»: bên kia đưa ra đề nghị mới");

            String second = counterOffer(listing);
            mekong.awaitNotification(second);
            await().during(Duration.ofMillis(500)).until(() -> kyoto.notifications().isEmpty());

            // a watcher that lost its connection after the first resumes from it and gets the second at once
            try (Watcher resumed = new Watcher(port, TestTokens.FIRM, first)) {
                resumed.awaitNotification(second);
                assertThat(resumed.notifications()).extracting(n -> n.path("notificationId").asText()).doesNotContain(first);
            }
        }
    }

    @Test
    void aClientThatDoesNotAskForAnEventStreamGetsAProblemNotAStreamThatNeverEnds() {
        HttpResponse<String> answer = exchange.send("GET", "/notifications/stream", null, TestTokens.FIRM, "application/json");
        assertThat(answer.statusCode()).isEqualTo(406);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(exchange.send("GET", "/notifications/stream", null, TestTokens.FIRM, null).statusCode()).isEqualTo(406);
    }

    @Test
    void aWatcherOnAnotherInstanceHearsOfANotificationThisOneWrote() {
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("server.port", 0);
        properties.put("spring.mail.port", System.getProperty("techex.test.smtp-port"));
        String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(NotificationServiceApplication.class)
                .properties("spring.config.name=" + NotificationServiceApplication.CONFIG_NAME).run(arguments)) {
            // the other instance consumes nothing: whatever its watcher hears, this instance wrote
            other.getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("notification-feed").stop();
            int otherPort = Integer.parseInt(other.getEnvironment().getRequiredProperty("local.server.port"));
            try (Watcher mekong = new Watcher(otherPort, TestTokens.FIRM, null)) {
                mekong.awaitEvent("feed");
                String listing = exchange.draftedListing("Vắc xin thủy sản", "Aquaculture vaccine");
                String countered = counterOffer(listing);
                assertThat(mekong.awaitNotification(countered).path("kind").asText()).isEqualTo("OFFER_COUNTERED");
            }
        }
    }

    /** hust counters mekong's offer on the listing; returns the notification's id once it is in mekong's feed. */
    private String counterOffer(String listing) {
        String negotiation = UUID.randomUUID().toString();
        Instant now = Instant.now();
        exchange.publish("bidding/OfferMade", listing, sample("bidding/OfferMade", data -> data.put("listingId", listing)
                .put("negotiationId", negotiation).put("validUntil", now.plus(Duration.ofDays(5)).toString())), now);
        exchange.publish("bidding/OfferCountered", listing, sample("bidding/OfferCountered", data -> data.put("listingId", listing)
                .put("negotiationId", negotiation).put("by", "SELLER").put("validUntil", now.plus(Duration.ofDays(6)).toString())), now);
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode n : exchange.feed(TestTokens.FIRM)) {
                if (negotiation.equals(n.path("params").path("negotiationId").asText()) && n.path("kind").asText().equals("OFFER_COUNTERED")) {
                    return n.path("notificationId").asText();
                }
            }
            return null;
        }, id -> id != null);
    }

    /** A person's stream, read as EventSource reads it. */
    static final class Watcher implements AutoCloseable {

        record Event(String name, String id, JsonNode data) {
        }

        private final List<Event> events = new CopyOnWriteArrayList<>();
        private final CompletableFuture<HttpResponse<Void>> response;
        private volatile Flow.Subscription subscription;

        Watcher(int port, String person, String lastEventId) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/notifications/stream"))
                    .header("Authorization", TestTokens.get().bearer(person)).header("Accept", "text/event-stream").GET();
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(
                    new Flow.Subscriber<String>() {
                        private String name;
                        private String id;
                        private String data;

                        @Override
                        public void onSubscribe(Flow.Subscription granted) {
                            subscription = granted;
                            granted.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(String line) {
                            // as EventSource does: fields in any order, the event dispatched at the blank line
                            if (line.startsWith("event:")) {
                                name = line.substring("event:".length()).strip();
                            } else if (line.startsWith("id:")) {
                                id = line.substring("id:".length()).strip();
                            } else if (line.startsWith("data:")) {
                                data = line.substring("data:".length());
                            } else if (line.isEmpty() && data != null) {
                                try {
                                    events.add(new Event(name, id, EventJson.mapper().readTree(data)));
                                } catch (Exception e) {
                                    throw new IllegalStateException("Unreadable event: " + data, e);
                                }
                                name = null;
                                id = null;
                                data = null;
                            }
                        }

                        @Override
                        public void onError(Throwable throwable) {
                            // the connection ends when the test closes it
                        }

                        @Override
                        public void onComplete() {
                            // the stream ends when the test closes it
                        }
                    }));
        }

        JsonNode awaitEvent(String name) {
            return await().atMost(Duration.ofSeconds(20)).until(() -> events.stream().filter(e -> name.equals(e.name()))
                    .map(Event::data).findFirst().orElse(null), data -> data != null);
        }

        JsonNode awaitNotification(String notificationId) {
            return await().atMost(Duration.ofSeconds(20)).until(() -> events.stream()
                    .filter(e -> "notification".equals(e.name()) && notificationId.equals(e.id()))
                    .map(Event::data).findFirst().orElse(null), data -> data != null);
        }

        List<JsonNode> notifications() {
            return events.stream().filter(e -> "notification".equals(e.name())).map(Event::data).toList();
        }

        @Override
        public void close() {
            if (subscription != null) {
                subscription.cancel();
            }
            response.cancel(true);
        }
    }
}

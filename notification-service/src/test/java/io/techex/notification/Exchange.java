package io.techex.notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.events.Topics;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.testkit.TestTokens;
import org.springframework.kafka.core.KafkaTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The rest of the exchange as notification-service sees it: the other services' public events, built from their
 * contracts' samples and published on their topics as the relays publish them, and people calling over HTTP with real
 * tokens.
 */
public final class Exchange {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final Topics topics;
    private final int port;

    public Exchange(KafkaTemplate<String, CloudEvent> kafka, Topics topics, int port) {
        this.kafka = kafka;
        this.topics = topics;
        this.port = port;
    }

    /** The sample of {@code type} (e.g. {@code bidding/OfferMade}), changed by {@code changes}. */
    public static ObjectNode sample(String type, Consumer<ObjectNode> changes) {
        String[] parts = type.split("/");
        ObjectNode data = EventContracts.find("io.techex." + parts[0] + "." + parts[1] + ".v1")
                .orElseThrow(() -> new IllegalArgumentException("No contract " + type)).sample().deepCopy();
        changes.accept(data);
        return data;
    }

    /** Publishes an event of {@code type} ({@code service/Event}, version 1) with {@code data} about {@code listingId}. */
    public CloudEvent publish(String type, String listingId, JsonNode data, Instant time) {
        CloudEvent event = event(type, listingId, data, time);
        send(event);
        return event;
    }

    public void send(CloudEvent event) {
        String service = event.getType().split("\\.")[2];
        kafka.send(topics.eventsOf(service), event.getSubject(), event).join();
    }

    public static CloudEvent event(String type, String listingId, JsonNode data, Instant time) {
        String[] parts = type.split("/");
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/techex/" + parts[0] + "-service"))
                .withType("io.techex." + parts[0] + "." + parts[1] + ".v1")
                .withSubject(listingId)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data.toString().getBytes(StandardCharsets.UTF_8))
                .withExtension(CloudEventMapper.PARTITION_KEY, listingId)
                .build();
    }

    /** A listing drafted by hust, so that later events about it know its seller and titles. */
    public String draftedListing(String titleVi, String titleEn) {
        return draftedListing("hust", titleVi, titleEn);
    }

    /** A listing drafted by {@code seller}. */
    public String draftedListing(String seller, String titleVi, String titleEn) {
        String listingId = UUID.randomUUID().toString();
        publish("listing/ListingDrafted", listingId, sample("listing/ListingDrafted", data -> {
            data.put("listingId", listingId).put("sellerOrganisationId", seller);
            data.putObject("title").put("vi", titleVi).put("en", titleEn);
        }), Instant.now());
        return listingId;
    }

    public HttpResponse<String> get(String path, String person) {
        return send("GET", path, null, person, null);
    }

    public HttpResponse<String> post(String path, String person) {
        return send("POST", path, null, person, null);
    }

    public HttpResponse<String> put(String path, String body, String person) {
        return send("PUT", path, body, person, null);
    }

    public HttpResponse<String> send(String method, String path, String body, String person, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (person != null) {
            request.header("Authorization", TestTokens.get().bearer(person));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return EventJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    /** The person's feed, up to 100 newest, as JSON. */
    public JsonNode feed(String person) {
        HttpResponse<String> response = get("/notifications?limit=100", person);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /notifications as " + person + ": " + response.statusCode() + " " + response.body());
        }
        return json(response).path("items");
    }

    /** Publishes the operator's verdict on a listing's ownership: verified, or rejected with a reason. */
    public void verdict(String listingId, boolean verified) {
        publish(verified ? "listing/OwnershipVerified" : "listing/OwnershipRejected", listingId,
                sample(verified ? "listing/OwnershipVerified" : "listing/OwnershipRejected", data -> data.put("listingId", listingId)),
                Instant.now());
    }

    public int port() {
        return port;
    }
}

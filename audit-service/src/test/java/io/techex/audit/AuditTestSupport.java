package io.techex.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.techex.contracts.EventContracts;
import io.techex.contracts.EventJson;
import io.techex.platform.relay.CloudEventMapper;
import io.techex.testkit.TestTokens;

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

/** Events as the other services' relays publish them, and HTTP calls with real tokens, for audit-service's tests. */
public final class AuditTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private AuditTestSupport() {
    }

    /** A ListingDrafted.v1 of {@code listingId}, from its contract's sample, drafted by lan.nguyen of hust. */
    public static CloudEvent listingDrafted(String listingId, Instant time) {
        ObjectNode data = EventContracts.find("io.techex.listing.ListingDrafted.v1").orElseThrow().sample().deepCopy();
        data.put("listingId", listingId);
        return event("listing", "io.techex.listing.ListingDrafted.v1", listingId, data.toString(), time,
                "lan.nguyen", "hust", "UNIVERSITY");
    }

    /**
     * The {@code i}-th event of a round over the three services whose events the trail records, about {@code assetId}:
     * a ListingDrafted, an OfferMade, a ContractSigned, in turn; sent with their assets' keys, they spread over the
     * topics' partitions.
     */
    public static CloudEvent ofEachService(int i, String assetId) {
        return switch (i % 3) {
            case 0 -> listingDrafted(assetId, Instant.now());
            case 1 -> sampled("io.techex.bidding.OfferMade.v1", assetId, Instant.now(), "thu.vo", "mekong-biotech", "FIRM");
            default -> sampled("io.techex.contract.ContractSigned.v1", assetId, Instant.now(), null, null, null);
        };
    }

    /**
     * An event of {@code type} (a full CloudEvent type with a contract) whose data is its contract's sample, about
     * {@code assetId}; {@code changes} (field, value) alter the sample's top-level text fields.
     */
    public static CloudEvent sampled(String type, String assetId, Instant time, String person, String organisation,
                                     String role, String... changes) {
        ObjectNode data = EventContracts.find(type).orElseThrow(() -> new IllegalArgumentException("No contract " + type))
                .sample().deepCopy();
        if (data.has("listingId")) {
            data.put("listingId", assetId);
        }
        for (int i = 0; i + 1 < changes.length; i += 2) {
            data.put(changes[i], changes[i + 1]);
        }
        String service = type.split("\\.")[2];
        return event(service, type, assetId, data.toString(), time, person, organisation, role);
    }

    /** An event with any data: the trail records events of types it has no contract for as they come. */
    public static CloudEvent event(String service, String type, String assetId, String data, Instant time,
                                   String person, String organisation, String role) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create("/techex/" + service + "-service"))
                .withType(type)
                .withSubject(assetId)
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .withExtension(CloudEventMapper.PARTITION_KEY, assetId);
        if (person != null) {
            builder.withExtension(CloudEventMapper.ACTOR_PERSON, person)
                    .withExtension(CloudEventMapper.ACTOR_ORGANISATION, organisation)
                    .withExtension(CloudEventMapper.ACTOR_ROLE, role);
        }
        return builder.build();
    }

    public static HttpResponse<String> get(int port, String path, String person) {
        return send(port, "GET", path, person);
    }

    /** A GET with request headers ({@code name, value, ...}), its body as bytes as they came (compressed, say). */
    public static HttpResponse<byte[]> getBytes(int port, String path, String person, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET()
                .header("Authorization", TestTokens.get().bearer(person));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> post(int port, String path, String person) {
        return send(port, "POST", path, person);
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return EventJson.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    private static HttpResponse<String> send(int port, String method, String path, String person) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
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
}

package io.techex.platform.web;

import io.techex.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Real HTTP against a running test application, as a client of the service would call it. */
final class Http {

    static final String UNIVERSITY = "hust";
    static final String FIRM = "mekong-biotech";
    /** The demo person of each organisation the tests act for ({@code authserver.yml}). */
    private static final Map<String, String> PERSON_OF = Map.of(UNIVERSITY, TestTokens.UNIVERSITY, FIRM, TestTokens.FIRM);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final String base;

    Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A request acting as a person of {@code organisation}, with that person's access token. */
    HttpRequest.Builder as(String organisation, String path) {
        String person = PERSON_OF.get(organisation);
        if (person == null) {
            throw new IllegalArgumentException("no demo person of " + organisation + " in " + PERSON_OF);
        }
        return request(path).header("Authorization", TestTokens.get().bearer(person));
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> postJson(String organisation, String path, String body, String idempotencyKey) {
        HttpRequest.Builder request = as(organisation, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header(IdempotencyKeyFilter.HEADER, idempotencyKey);
        }
        return send(request);
    }

    HttpResponse<String> postBytes(String organisation, String path, String contentType, byte[] body, String idempotencyKey) {
        HttpRequest.Builder request = as(organisation, path)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (idempotencyKey != null) {
            request.header(IdempotencyKeyFilter.HEADER, idempotencyKey);
        }
        return send(request);
    }

    HttpResponse<String> get(String path) {
        return send(as(UNIVERSITY, path).GET());
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** A valid body for {@code POST /things}; {@code reference} tells the runs of one test apart. */
    static String thing(String reference, int readinessLevel) {
        return """
                {"reference": "%s", "title": {"vi": "Phương pháp xử lý nước thải dệt nhuộm", "en": "Textile-dye wastewater treatment"},
                 "readinessLevel": %d, "assetType": "PATENT",
                 "inventors": [{"name": "Nguyễn Văn A", "email": "a@hust.edu.vn"}]}""".formatted(reference, readinessLevel);
    }
}

package io.techex.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The load generator's HTTP side: one HTTP/1.1 client (keep-alive connections, loopback only) and real access
 * tokens from the authorization server, fetched once per person (they live an hour, longer than a run). Tokens are
 * asked for at the issuer's own address ({@code localhost}): the server names the address it was asked at as the
 * tokens' issuer, and the services accept only the one they trust.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    record Response(int status, String body, long nanos) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("Not JSON (" + status + "): " + body, e);
            }
        }

        /** The last part of a problem's type, e.g. {@code bid-too-low}; the status when the body is no problem. */
        String problem() {
            try {
                String type = JSON.readTree(body).path("type").asText("");
                return type.isEmpty() ? String.valueOf(status) : status + " " + type.substring(type.lastIndexOf('/') + 1);
            } catch (IOException notJson) {
                return String.valueOf(status);
            }
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String issuer;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    Http(String issuer) {
        this.issuer = issuer;
    }

    String token(String person) {
        return tokens.computeIfAbsent(person, this::fetchToken);
    }

    private String fetchToken(String person) {
        String basic = Base64.getEncoder().encodeToString((person + ":demo").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("No token for " + person + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("No token for " + person, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As {@code person} with their token; with {@code person} null, as a visitor with none (a browser's page load). */
    Response send(String method, String url, String body, String person) {
        return send(method, url, body, person, null);
    }

    /** With an {@code Idempotency-Key}, as the console sends its writes (null: none). */
    Response send(String method, String url, String body, String person, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (person != null) {
            request.header("Authorization", "Bearer " + token(person));
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), System.nanoTime() - started);
        } catch (IOException e) {
            return new Response(-1, e.toString(), System.nanoTime() - started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted", System.nanoTime() - started);
        }
    }

    /**
     * A GET whose body is read to its last byte and counted, not kept (the response's body is its size): kept, a
     * trail of MBs was 25 MB of the load generator's garbage per read, and its collector's pauses (up to 100 ms) were
     * measured as the service's latency.
     */
    Response getCounted(String url, String person) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token(person)).GET().build();
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = body.read(buffer)) >= 0; ) {
                    bytes += read;
                }
            }
            return new Response(response.statusCode(), Long.toString(bytes), System.nanoTime() - started);
        } catch (IOException e) {
            return new Response(-1, e.toString(), System.nanoTime() - started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted", System.nanoTime() - started);
        }
    }

    Response expect(int status, String method, String url, String body, String person) {
        Response response = send(method, url, body, person);
        if (response.status() != status) {
            throw new IllegalStateException(method + " " + url + " answered " + response.status() + ", not " + status
                    + ": " + response.body());
        }
        return response;
    }
}

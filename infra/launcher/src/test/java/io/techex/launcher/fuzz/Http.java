package io.techex.launcher.fuzz;

import io.techex.launcher.FourServices.Service;
import io.techex.testkit.TestTokens;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Requests to the running services as a demo person, with any body, Content-Type and headers, also broken ones. */
final class Http {

    /** Far above any answer's time here; a request that takes it is a finding of its own. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final Exchange exchange;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Http(Exchange exchange) {
        this.exchange = exchange;
    }

    HttpResponse<String> send(Service service, String method, String pathAndQuery, String contentType, byte[] body,
                              Map<String, String> headers, String person) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(exchange.base(service) + pathAndQuery)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (person != null) {
            request.header("Authorization", TestTokens.get().bearer(person));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    HttpResponse<String> json(Service service, String method, String path, String body, String person) {
        try {
            return send(service, method, path, body == null ? null : "application/json",
                    body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of(), person);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

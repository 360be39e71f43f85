package io.techex.bidding.flow;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.contracts.EventJson;
import io.techex.testkit.TestTokens;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A watcher of an auction's live board over Server-Sent Events, as a browser's EventSource would be. */
final class BoardWatcher implements AutoCloseable {

    private final List<JsonNode> boards = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;
    private volatile String contentType;

    BoardWatcher(HttpClient http, int port, String auctionId, String person) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/auctions/" + auctionId + "/board"))
                .header("Authorization", TestTokens.get().bearer(person))
                .header("Accept", "text/event-stream").GET().build();
        response = http.sendAsync(request, info -> {
            contentType = info.headers().firstValue("Content-Type").orElse("");
            return HttpResponse.BodyHandlers.fromLineSubscriber(new Flow.Subscriber<String>() {
                @Override
                public void onSubscribe(Flow.Subscription granted) {
                    subscription = granted;
                    granted.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(String line) {
                    if (line.startsWith("data:")) {
                        try {
                            boards.add(EventJson.mapper().readTree(line.substring("data:".length())));
                        } catch (Exception e) {
                            throw new IllegalStateException("Unreadable board: " + line, e);
                        }
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
            }).apply(info);
        });
    }

    /** Waits for a board that matches, among those received so far and later. */
    JsonNode awaitBoard(Predicate<JsonNode> match) {
        return await().atMost(Duration.ofSeconds(20)).until(
                () -> boards.stream().filter(match).reduce((first, second) -> second).orElse(null), board -> board != null);
    }

    /** The first board sent on connecting. */
    JsonNode first() {
        await().atMost(Duration.ofSeconds(20)).until(() -> !boards.isEmpty());
        return boards.getFirst();
    }

    List<JsonNode> received() {
        return List.copyOf(boards);
    }

    String contentType() {
        return contentType;
    }

    @Override
    public void close() {
        if (subscription != null) {
            subscription.cancel();
        }
        response.cancel(true);
    }
}

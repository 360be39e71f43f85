package io.techex.console.auction;

import io.techex.console.services.Bidding;
import io.techex.console.services.BiddingModel.Auction;
import io.techex.console.services.BiddingModel.Board;
import io.techex.console.services.ServiceClients;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Relays an English auction's live board from bidding-service to a person's browser as Server-Sent Events, with the
 * person's token on the console's side only: one upstream stream ({@code GET /auctions/{id}/board}) per watching
 * browser, each board re-worded for its reader ({@link LiveBoard}) together with where the reader stands, which the
 * console asks bidding-service with the reader's own token.
 *
 * <p>The browser's {@code EventSource} reconnects by itself, a second after a drop ({@code retry}); bidding-service
 * sends the current board first on every connection, so a reconnected page never keeps a stale price as current. The
 * relay ends the stream before the person's token expires (the browser reconnects with a renewed one), when
 * bidding-service ends it, and when the console stops; a comment every {@link #HEARTBEAT} finds browsers gone quiet.
 */
@Component
class LiveBoardRelay implements SmartLifecycle {

    static final Duration LONGEST = Duration.ofMinutes(30);
    static final Duration HEARTBEAT = Duration.ofSeconds(20);
    /** How long before its token expires a stream ends, so the reconnection carries a fresh one. */
    static final Duration BEFORE_EXPIRY = Duration.ofSeconds(30);
    static final long RECONNECT_MILLIS = 1000;
    private static final Logger log = LoggerFactory.getLogger(LiveBoardRelay.class);

    private final Bidding bidding;
    private final ServiceClients clients;
    private final MessageSource messages;
    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("live-board-heartbeat").daemon().factory());
    private volatile boolean running;

    LiveBoardRelay(Bidding bidding, ServiceClients clients, MessageSource messages) {
        this.bidding = bidding;
        this.clients = clients;
        this.messages = messages;
    }

    /** Starts relaying the auction's board to a browser of the person whose {@code token} this is. */
    SseEmitter open(String auctionId, OAuth2AccessToken token, Locale locale) {
        Instant expiresAt = token.getExpiresAt() == null ? Instant.now().plus(LONGEST) : token.getExpiresAt();
        Duration lifetime = Duration.between(Instant.now(), expiresAt.minus(BEFORE_EXPIRY));
        lifetime = lifetime.compareTo(LONGEST) > 0 ? LONGEST : lifetime.compareTo(Duration.ofSeconds(5)) < 0
                ? Duration.ofSeconds(5) : lifetime;
        Relay relay = new Relay(auctionId, token.getTokenValue(), locale, new SseEmitter(lifetime.toMillis()));
        relays.add(relay);
        relay.emitter.onCompletion(relay::stop);
        relay.emitter.onTimeout(relay::stop);
        relay.emitter.onError(error -> relay.stop());
        Thread.ofVirtual().name("live-board-" + auctionId).start(relay::run);
        return relay.emitter;
    }

    private final class Relay {
        final String auctionId;
        final String token;
        final Locale locale;
        final SseEmitter emitter;
        volatile InputStream upstream;
        volatile boolean stopped;
        volatile java.util.concurrent.ScheduledFuture<?> heartbeat;

        Relay(String auctionId, String token, Locale locale, SseEmitter emitter) {
            this.auctionId = auctionId;
            this.token = token;
            this.locale = locale;
            this.emitter = emitter;
        }

        void run() {
            heartbeat = heartbeats.scheduleAtFixedRate(this::heartbeat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                    TimeUnit.MILLISECONDS);
            try {
                HttpResponse<InputStream> answer = clients.http().send(HttpRequest.newBuilder(bidding.boardOf(auctionId))
                        .header("Authorization", "Bearer " + token).header("Accept", MediaType.TEXT_EVENT_STREAM_VALUE)
                        .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                upstream = answer.body();
                if (answer.statusCode() != 200 || stopped) {
                    log.debug("Live board {} not relayed: bidding-service answered {}", auctionId, answer.statusCode());
                    answer.body().close();
                    return;
                }
                read(answer.body());
            } catch (IOException | RuntimeException broken) {
                if (!stopped) {
                    log.debug("Live board {} relay ended: {}", auctionId, broken.toString());
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } finally {
                // the browser reconnects in a second and is sent the board as it is then
                finish();
            }
        }

        /** Server-Sent Events, line by line: an event ends at an empty line. */
        private void read(InputStream stream) throws IOException {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String event = "message";
                StringBuilder data = new StringBuilder();
                for (String line = lines.readLine(); line != null && !stopped; line = lines.readLine()) {
                    if (line.isEmpty()) {
                        if ("board".equals(event) && !data.isEmpty()) {
                            relay(data.toString());
                        }
                        event = "message";
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        event = line.substring(6).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                    }
                }
            }
        }

        private void relay(String json) throws IOException {
            Board board = ServiceClients.JSON.readValue(json, Board.class);
            Auction reader = bidding.auction(auctionId, token);
            LiveBoard live = LiveBoard.of(board, reader, locale, messages);
            emitter.send(SseEmitter.event().name("board").reconnectTime(RECONNECT_MILLIS)
                    .data(ServiceClients.JSON.writeValueAsString(live), MediaType.APPLICATION_JSON));
        }

        private void heartbeat() {
            try {
                emitter.send(SseEmitter.event().comment("still here"));
            } catch (IOException | IllegalStateException gone) {
                stop();
            }
        }

        /** The browser went, the stream timed out, or the console stops: let go of bidding-service's stream. */
        void stop() {
            stopped = true;
            relays.remove(this);
            if (heartbeat != null) {
                heartbeat.cancel(false);
            }
            InputStream stream = upstream;
            if (stream != null) {
                try {
                    stream.close();
                } catch (IOException ignored) {
                    // closing a stream the other end may have closed already
                }
            }
        }

        private void finish() {
            stop();
            try {
                emitter.complete();
            } catch (IllegalStateException alreadyDone) {
                // completed by the browser's leaving
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Ends every relay at once, so that stopping the console does not wait for live boards. */
    @Override
    public void stop() {
        running = false;
        relays.forEach(Relay::finish);
        heartbeats.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}

package io.techex.console.services;

import io.techex.console.ConsoleProperties;
import io.techex.console.services.BiddingModel.Auction;
import io.techex.console.services.BiddingModel.BidAccepted;
import io.techex.console.services.BiddingModel.Committed;
import io.techex.console.services.BiddingModel.Created;
import io.techex.console.services.BiddingModel.Negotiation;
import io.techex.console.services.BiddingModel.SealedBidAuction;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * bidding-service's REST API as the console calls it: negotiations, English and sealed-bid auctions. Each call goes
 * with the person's token, each write with the {@code Idempotency-Key} of the form that was rendered. Amounts are sent
 * as decimal strings.
 */
@Component
public class Bidding {

    public static final String SERVICE = "bidding-service";

    private final RestClient http;
    private final URI baseUrl;

    public Bidding(ConsoleProperties properties, ServiceClients clients) {
        this.http = clients.client(SERVICE, properties.biddingUrl());
        this.baseUrl = properties.biddingUrl();
    }

    /** Where the live boards are: {@code <base>/auctions/{id}/board}. */
    public URI boardOf(String auctionId) {
        return URI.create(baseUrl.toString().replaceAll("/+$", "") + "/auctions/" + auctionId + "/board");
    }

    // ------------------------------------------------------------------ negotiations

    /** The reader's negotiations: a firm's own, a seller's on its listings; newest first. */
    public List<Negotiation> negotiations() {
        return call(() -> http.get().uri("/negotiations").retrieve().body(new ParameterizedTypeReference<>() {
        }));
    }

    public Negotiation negotiation(String negotiationId) {
        return call(() -> http.get().uri("/negotiations/{id}", negotiationId).retrieve().body(Negotiation.class));
    }

    /** A firm's first offer: {@code {listingId, terms, validUntil}}; the new negotiation's id. */
    public String offer(Map<String, Object> offer, String idempotencyKey) {
        return call(() -> http.post().uri("/negotiations").header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(offer).retrieve().body(Created.class).negotiationId());
    }

    /** {@code {terms, validUntil}}. */
    public void counter(String negotiationId, Map<String, Object> counter, String idempotencyKey) {
        call(() -> http.post().uri("/negotiations/{id}/counter-offers", negotiationId)
                .header("Idempotency-Key", idempotencyKey).contentType(MediaType.APPLICATION_JSON).body(counter)
                .retrieve().toBodilessEntity());
    }

    public void accept(String negotiationId, String idempotencyKey) {
        call(() -> http.post().uri("/negotiations/{id}/acceptance", negotiationId)
                .header("Idempotency-Key", idempotencyKey).retrieve().toBodilessEntity());
    }

    public void reject(String negotiationId, String reason, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        call(() -> http.post().uri("/negotiations/{id}/rejection", negotiationId)
                .header("Idempotency-Key", idempotencyKey).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity());
    }

    // ------------------------------------------------------------------ English auctions

    /** The auctions the reader's organisation sells in or has bid in. */
    public List<Auction> auctions() {
        return call(() -> http.get().uri("/auctions").retrieve().body(new ParameterizedTypeReference<>() {
        }));
    }

    public List<Auction> auctionsOn(String listingId) {
        return call(() -> http.get().uri(uri -> uri.path("/auctions").queryParam("listingId", listingId).build())
                .retrieve().body(new ParameterizedTypeReference<>() {
                }));
    }

    public Auction auction(String auctionId) {
        return call(() -> http.get().uri("/auctions/{id}", auctionId).retrieve().body(Auction.class));
    }

    /** The auction as the holder of {@code accessToken} sees it: for a live board relayed off the request's thread. */
    public Auction auction(String auctionId, String accessToken) {
        return call(() -> http.get().uri("/auctions/{id}", auctionId).header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .retrieve().body(Auction.class));
    }

    /** A seller schedules an English auction; its id. */
    public String scheduleAuction(Map<String, Object> auction, String idempotencyKey) {
        return call(() -> http.post().uri("/auctions").header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(auction).retrieve().body(Created.class).auctionId());
    }

    /** A bid of {@code amount}, and with {@code maximum} (may be null) the most the exchange may bid for the firm. */
    public BidAccepted bid(String auctionId, BigDecimal amount, BigDecimal maximum, String currency, String idempotencyKey) {
        Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("amount", amount.toPlainString());
        if (maximum != null) {
            body.put("maximum", maximum.toPlainString());
        }
        body.put("currency", currency);
        return call(() -> http.post().uri("/auctions/{id}/bids", auctionId).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve().body(BidAccepted.class));
    }

    // ------------------------------------------------------------------ sealed-bid auctions

    public List<SealedBidAuction> sealedBidAuctions() {
        return call(() -> http.get().uri("/sealed-bid-auctions").retrieve().body(new ParameterizedTypeReference<>() {
        }));
    }

    public List<SealedBidAuction> sealedBidAuctionsOn(String listingId) {
        return call(() -> http.get().uri(uri -> uri.path("/sealed-bid-auctions").queryParam("listingId", listingId).build())
                .retrieve().body(new ParameterizedTypeReference<>() {
                }));
    }

    public SealedBidAuction sealedBidAuction(String auctionId) {
        return call(() -> http.get().uri("/sealed-bid-auctions/{id}", auctionId).retrieve().body(SealedBidAuction.class));
    }

    public String scheduleSealedBidAuction(Map<String, Object> auction, String idempotencyKey) {
        return call(() -> http.post().uri("/sealed-bid-auctions").header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(auction).retrieve().body(Created.class).auctionId());
    }

    /** The hash only: the amount stays on the firm's machine until the reveal. */
    public Committed commit(String auctionId, String commitment, String idempotencyKey) {
        return call(() -> http.post().uri("/sealed-bid-auctions/{id}/commitments", auctionId)
                .header("Idempotency-Key", idempotencyKey).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("commitment", commitment)).retrieve().body(Committed.class));
    }

    public void reveal(String auctionId, BigDecimal amount, String currency, String secret, String idempotencyKey) {
        call(() -> http.post().uri("/sealed-bid-auctions/{id}/reveals", auctionId).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", amount.toPlainString(), "currency", currency, "secret", secret))
                .retrieve().toBodilessEntity());
    }

    private static <T> T call(Supplier<T> call) {
        return ServiceClients.call(SERVICE, call);
    }
}

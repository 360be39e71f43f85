package io.techex.console.services;

import io.techex.console.ConsoleProperties;
import io.techex.console.services.NeedsModel.Created;
import io.techex.console.services.NeedsModel.Need;
import io.techex.console.services.NeedsModel.NeedMatches;
import io.techex.console.services.NeedsModel.NeedPage;
import io.techex.console.services.NeedsModel.Proposal;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * listing-service's demand side as the console calls it: firms' technology needs, universities' proposals answering
 * them, and the listings the exchange matched to a need. Each call goes with the person's token, each write with the
 * {@code Idempotency-Key} of the form that was rendered. The service decides who may do what.
 */
@Component
public class Needs {

    private static final String SERVICE = "listing-service";

    private final RestClient http;

    public Needs(ConsoleProperties properties, ServiceClients clients) {
        this.http = clients.client(SERVICE, properties.listingUrl());
    }

    // ------------------------------------------------------------------ needs

    /** The published needs, newest first; {@code q} in Vietnamese or English, diacritics ignored. */
    public NeedPage published(String q, String cursor) {
        return call(() -> http.get().uri(uri -> {
            uri.path("/needs").queryParam("limit", 20);
            if (q != null && !q.isBlank()) {
                uri.queryParam("q", q.strip());
            }
            if (cursor != null && !cursor.isBlank()) {
                uri.queryParam("cursor", cursor);
            }
            return uri.build();
        }).retrieve().body(NeedPage.class));
    }

    public Need need(String needId) {
        return call(() -> http.get().uri("/needs/{id}", needId).retrieve().body(Need.class));
    }

    /** The reader's firm's own needs, drafts included, the most recently changed first. */
    public List<Need> mine() {
        return call(() -> http.get().uri("/needs/mine?limit=200").retrieve().body(new ParameterizedTypeReference<>() {
        }));
    }

    public String draft(Map<String, Object> need, String idempotencyKey) {
        return call(() -> http.post().uri("/needs").header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(need).retrieve().body(Created.class).needId());
    }

    public void revise(String needId, Map<String, Object> need) {
        call(() -> http.put().uri("/needs/{id}", needId).contentType(MediaType.APPLICATION_JSON).body(need)
                .retrieve().toBodilessEntity());
    }

    public void publish(String needId, String idempotencyKey) {
        call(() -> http.post().uri("/needs/{id}/publication", needId).header("Idempotency-Key", idempotencyKey)
                .retrieve().toBodilessEntity());
    }

    /** The listings that match the need best, best first, each with the reasons for its score (the firm's view). */
    public NeedMatches matches(String needId) {
        return call(() -> http.get().uri("/needs/{id}/matches?limit=5", needId).retrieve().body(NeedMatches.class));
    }

    // ------------------------------------------------------------------ proposals

    /** The need's firm: the proposals submitted to it; a university: its own. */
    public List<Proposal> proposals(String needId) {
        return call(() -> http.get().uri("/needs/{id}/proposals", needId).retrieve()
                .body(new ParameterizedTypeReference<>() {
                }));
    }

    /** The proposals the reader's organisation made, and those submitted to its needs, newest first. */
    public List<Proposal> partyTo() {
        return call(() -> http.get().uri("/proposals").retrieve().body(new ParameterizedTypeReference<>() {
        }));
    }

    /** A university proposes one of its listings on the market, with a message in Vietnamese; a draft's id. */
    public String propose(String needId, String listingId, String message, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "LISTING");
        body.put("listingId", listingId == null || listingId.isBlank() ? null : listingId.strip());
        if (message != null && !message.isBlank()) {
            body.put("message", Map.of("vi", message.strip()));
        }
        return call(() -> http.post().uri("/needs/{id}/proposals", needId).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(Created.class).proposalId());
    }

    /** A step on a proposal without a body: submission (its university), shortlist or negotiation (the firm). */
    public void step(String proposalId, String step, String idempotencyKey) {
        call(() -> http.post().uri("/proposals/{id}/{step}", proposalId, step).header("Idempotency-Key", idempotencyKey)
                .retrieve().toBodilessEntity());
    }

    public void decline(String proposalId, String reason, String idempotencyKey) {
        call(() -> http.post().uri("/proposals/{id}/decline", proposalId).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", reason == null ? "" : reason.strip()))
                .retrieve().toBodilessEntity());
    }

    private static <T> T call(Supplier<T> call) {
        return ServiceClients.call(SERVICE, call);
    }
}

package io.techex.console.services;

import io.techex.console.ConsoleProperties;
import io.techex.console.services.Model.Created;
import io.techex.console.services.Model.Document;
import io.techex.console.services.Model.Download;
import io.techex.console.services.Model.Enquiry;
import io.techex.console.services.Model.Listing;
import io.techex.console.services.Model.Nda;
import io.techex.console.services.Model.SearchPage;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriBuilder;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * listing-service's REST API as the console calls it, each call with the person's token ({@link TokenRelay}) and,
 * for writes, the {@code Idempotency-Key} of the form that was rendered: a double submit or a retried POST has its
 * effect once. A refusal comes back as {@link ServiceProblem}; no answer or a server error as {@link ServiceUnavailable}.
 */
@Component
public class Listings {

    private static final String SERVICE = "listing-service";

    private final RestClient http;

    public Listings(ConsoleProperties properties, ServiceClients clients) {
        this.http = clients.client(SERVICE, properties.listingUrl());
    }

    // ------------------------------------------------------------------ reading

    /** The catalogue: {@code GET /listings} with the query's parameters as given (q, assetType, ipc, trlMin...). */
    public SearchPage search(MultiValueMap<String, String> query) {
        return call(() -> http.get().uri(uri -> uri.path("/listings").queryParams(query).build())
                .retrieve().body(SearchPage.class));
    }

    public Listing listing(String listingId) {
        return call(() -> http.get().uri("/listings/{id}", listingId).retrieve().body(Listing.class));
    }

    public List<Listing> mine() {
        return call(() -> http.get().uri("/listings/mine?limit=200").retrieve().body(new ParameterizedTypeReference<>() {
        }));
    }

    public List<Listing> awaitingVerification() {
        return call(() -> http.get().uri("/listings/awaiting-verification?limit=200").retrieve()
                .body(new ParameterizedTypeReference<>() {
                }));
    }

    public List<Document> documents(String listingId) {
        return call(() -> http.get().uri("/listings/{id}/documents", listingId).retrieve()
                .body(new ParameterizedTypeReference<>() {
                }));
    }

    public Download download(String listingId, String documentId) {
        return call(() -> {
            ResponseEntity<byte[]> answer = http.get().uri("/listings/{id}/documents/{doc}", listingId, documentId)
                    .retrieve().toEntity(byte[].class);
            return new Download(answer.getBody(), String.valueOf(answer.getHeaders().getContentType()),
                    answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION));
        });
    }

    /** The NDAs the person's organisation is party to; of one listing when {@code listingId} is given. */
    public List<Nda> ndas(String listingId) {
        return call(() -> http.get().uri(uri -> optionalListing(uri.path("/nda-requests"), listingId))
                .retrieve().body(new ParameterizedTypeReference<>() {
                }));
    }

    public List<Enquiry> enquiries(String listingId) {
        return call(() -> http.get().uri(uri -> optionalListing(uri.path("/enquiries"), listingId))
                .retrieve().body(new ParameterizedTypeReference<>() {
                }));
    }

    // ------------------------------------------------------------------ writing

    public String draft(Map<String, Object> draft, String idempotencyKey) {
        return call(() -> http.post().uri("/listings").header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(draft).retrieve().body(Created.class).listingId());
    }

    public void revise(String listingId, Map<String, Object> draft) {
        call(() -> http.put().uri("/listings/{id}/draft", listingId).contentType(MediaType.APPLICATION_JSON)
                .body(draft).retrieve().toBodilessEntity());
    }

    /** A step of the listing's life without a body: submission, ownership-verification, publication, co-owner-consent. */
    public void step(String listingId, String step, String idempotencyKey) {
        call(() -> http.post().uri("/listings/{id}/{step}", listingId, step).header("Idempotency-Key", idempotencyKey)
                .retrieve().toBodilessEntity());
    }

    /** A step with a body: ownership-rejection and withdrawal ({@code reason}). */
    public void step(String listingId, String step, Map<String, Object> body, String idempotencyKey) {
        call(() -> http.post().uri("/listings/{id}/{step}", listingId, step).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
    }

    public void chooseSaleMode(String listingId, String saleMode) {
        call(() -> http.put().uri("/listings/{id}/sale-mode", listingId).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("saleMode", saleMode)).retrieve().toBodilessEntity());
    }

    /**
     * Uploads a document; without an {@code Idempotency-Key}, because the service caps keyed bodies at 1 MB and
     * answers a retried identical upload with the document already attached.
     */
    public void upload(String listingId, String name, String visibility, String contentType, byte[] content) {
        call(() -> http.post().uri(uri -> uri.path("/listings/{id}/documents").queryParam("name", name)
                                .queryParam("visibility", visibility).build(listingId))
                .contentType(MediaType.parseMediaType(contentType)).body(content).retrieve().toBodilessEntity());
    }

    public void requestNda(String listingId, String message, String idempotencyKey) {
        Map<String, Object> body = new java.util.HashMap<>();
        if (message != null && !message.isBlank()) {
            body.put("message", message.strip());
        }
        call(() -> http.post().uri("/listings/{id}/nda-requests", listingId).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
    }

    public void decideNda(String ndaId, boolean accept, String reason, String idempotencyKey) {
        call(() -> {
            var request = http.post().uri("/nda-requests/{id}/{decision}", ndaId, accept ? "accept" : "decline")
                    .header("Idempotency-Key", idempotencyKey);
            if (!accept) {
                request.contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", reason == null ? "" : reason.strip()));
            }
            return request.retrieve().toBodilessEntity();
        });
    }

    public void enquire(String listingId, String kind, String message, String idempotencyKey) {
        call(() -> http.post().uri("/listings/{id}/enquiries", listingId).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("kind", kind, "message", message == null ? "" : message.strip()))
                .retrieve().toBodilessEntity());
    }

    public void answer(String enquiryId, String answer, String idempotencyKey) {
        call(() -> http.post().uri("/enquiries/{id}/answer", enquiryId).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("answer", answer == null ? "" : answer.strip()))
                .retrieve().toBodilessEntity());
    }

    // ------------------------------------------------------------------ plumbing

    private static URI optionalListing(UriBuilder uri, String listingId) {
        return listingId == null ? uri.build() : uri.queryParam("listingId", listingId).build();
    }

    private static <T> T call(Supplier<T> call) {
        return ServiceClients.call(SERVICE, call);
    }

    /** The problem+json of a 4xx as a {@link ServiceProblem}; a 5xx (or an answer that is no problem) as unavailable. */
    static RuntimeException problem(int status, byte[] body) {
        return ServiceClients.problem(SERVICE, status, body);
    }
}

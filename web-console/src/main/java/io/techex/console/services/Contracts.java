package io.techex.console.services;

import io.techex.console.ConsoleProperties;
import io.techex.console.services.ContractModel.AssetRights;
import io.techex.console.services.ContractModel.Contract;
import io.techex.console.services.ContractModel.Document;
import io.techex.console.services.ContractModel.OptionExercise;
import io.techex.console.services.ContractModel.SigningKey;
import io.techex.console.services.ContractModel.Statement;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * contract-service's REST API as the console calls it for the parties of a contract: reading it and its document,
 * amending, registering signing keys and signing, the royalty account, and the rights held in an asset.
 */
@Component
public class Contracts {

    public static final String SERVICE = "contract-service";

    private final RestClient http;

    public Contracts(ConsoleProperties properties, ServiceClients clients) {
        this.http = clients.client(SERVICE, properties.contractUrl());
    }

    /** The contracts the reader's organisation is party to, newest first. */
    public List<Contract> contracts() {
        return call(() -> http.get().uri("/contracts").retrieve().body(new ParameterizedTypeReference<>() {
        }));
    }

    public Contract contract(String contractId) {
        return call(() -> http.get().uri("/contracts/{id}", contractId).retrieve().body(Contract.class));
    }

    /** The current version's document, byte for byte as the service serves it, with its SHA-256 and version. */
    public Document document(String contractId) {
        return call(() -> {
            ResponseEntity<byte[]> answer = http.get().uri("/contracts/{id}/document", contractId).retrieve()
                    .toEntity(byte[].class);
            String version = answer.getHeaders().getFirst("X-Contract-Version");
            return new Document(answer.getBody() == null ? new byte[0] : answer.getBody(),
                    answer.getHeaders().getFirst("X-Document-SHA256"), version == null ? 0 : Integer.parseInt(version));
        });
    }

    /** New terms in full, in contract-service's form. */
    public void proposeAmendment(String contractId, Map<String, Object> terms, String idempotencyKey) {
        call(() -> http.post().uri("/contracts/{id}/amendments", contractId).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(terms).retrieve().toBodilessEntity());
    }

    public void acceptAmendment(String contractId, int number, String idempotencyKey) {
        call(() -> http.post().uri("/contracts/{id}/amendments/{n}/acceptance", contractId, number)
                .header("Idempotency-Key", idempotencyKey).retrieve().toBodilessEntity());
    }

    /** The option's holder exercises it; the answer names the licence contract drawn up. */
    public OptionExercise exercise(String contractId, String idempotencyKey) {
        return call(() -> http.post().uri("/contracts/{id}/exercise", contractId).header("Idempotency-Key", idempotencyKey)
                .retrieve().body(OptionExercise.class));
    }

    /** The reader's organisation's registered signing keys. */
    public List<SigningKey> signingKeys() {
        return call(() -> http.get().uri("/signing-keys").retrieve().body(new ParameterizedTypeReference<>() {
        }));
    }

    public SigningKey registerKey(String keyId, String publicKey) {
        return call(() -> http.post().uri("/signing-keys").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("keyId", keyId, "publicKey", publicKey)).retrieve().body(SigningKey.class));
    }

    public void sign(String contractId, String keyId, String signature, String documentSha256, String idempotencyKey) {
        call(() -> http.post().uri("/contracts/{id}/signatures", contractId).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("keyId", keyId, "signature", signature, "documentSha256", documentSha256))
                .retrieve().toBodilessEntity());
    }

    public Statement account(String contractId) {
        return call(() -> http.get().uri("/contracts/{id}/account", contractId).retrieve().body(Statement.class));
    }

    public void reportRoyalty(String contractId, int periodNumber, String netSales, String currency, String idempotencyKey) {
        call(() -> http.post().uri("/contracts/{id}/royalty-reports", contractId).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("periodNumber", periodNumber, "netSales", Map.of("amount", netSales, "currency", currency)))
                .retrieve().toBodilessEntity());
    }

    /** Against a period or a milestone. */
    public void recordPayment(String contractId, Integer periodNumber, String milestoneId, String amount, String currency,
                              LocalDate paidOn, String reference, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (periodNumber != null) {
            body.put("periodNumber", periodNumber);
        }
        if (milestoneId != null) {
            body.put("milestoneId", milestoneId);
        }
        body.put("amount", Map.of("amount", amount, "currency", currency));
        body.put("paidOn", paidOn == null ? null : paidOn.toString());
        if (reference != null && !reference.isBlank()) {
            body.put("reference", reference.strip());
        }
        call(() -> http.post().uri("/contracts/{id}/payments", contractId).header("Idempotency-Key", idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity());
    }

    public void milestoneMet(String contractId, String milestoneId, LocalDate metOn, String note, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metOn", metOn == null ? null : metOn.toString());
        if (note != null && !note.isBlank()) {
            body.put("note", note.strip());
        }
        call(() -> http.post().uri("/contracts/{id}/milestones/{m}/met", contractId, milestoneId)
                .header("Idempotency-Key", idempotencyKey).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity());
    }

    /** Who holds which rights in the listing's asset on {@code on}. */
    public AssetRights rights(String listingId, LocalDate on) {
        return call(() -> http.get().uri(uri -> uri.path("/assets/{id}/rights").queryParam("on", on).build(listingId))
                .retrieve().body(AssetRights.class));
    }

    private static <T> T call(Supplier<T> call) {
        return ServiceClients.call(SERVICE, call);
    }
}

package io.techex.console.regulator;

import io.techex.console.ConsoleProperties;
import io.techex.console.regulator.Regulation.Check;
import io.techex.console.regulator.Regulation.Contract;
import io.techex.console.regulator.Regulation.Download;
import io.techex.console.regulator.Regulation.SigningKey;
import io.techex.console.regulator.Regulation.Statistics;
import io.techex.console.regulator.Regulation.Trail;
import io.techex.console.services.ServiceClients;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * contract-service's and audit-service's APIs as a regulator's pages call them, with the regulator's own token: the
 * services decide what a regulator may read and do (anyone else gets their 403). Decisions carry the form's
 * {@code Idempotency-Key}, so a double submit records one decision.
 */
@Component
class RegulatorServices {

    static final String CONTRACT_SERVICE = "contract-service";
    static final String AUDIT_SERVICE = "audit-service";

    private final RestClient contracts;
    private final RestClient audit;

    RegulatorServices(ConsoleProperties properties, ServiceClients clients) {
        this.contracts = clients.client(CONTRACT_SERVICE, properties.contractUrl());
        this.audit = clients.client(AUDIT_SERVICE, properties.auditUrl());
    }

    // ---- contract-service

    /** Contracts awaiting a permit or registration, overdue first, then by deadline (contract-service's order). */
    List<Contract> pending() {
        return ServiceClients.call(CONTRACT_SERVICE, () -> contracts.get().uri("/regulator/pending").retrieve()
                .body(new ParameterizedTypeReference<>() {
                }));
    }

    Contract contract(String contractId) {
        return ServiceClients.call(CONTRACT_SERVICE, () -> contracts.get().uri("/contracts/{id}", contractId).retrieve()
                .body(Contract.class));
    }

    /**
     * Grants or refuses the awaited permit ({@code PERMIT}) or registration ({@code REGISTRATION}): a number when
     * granted, a reason when refused.
     */
    void decide(String contractId, String kind, boolean grant, String number, String reason, String idempotencyKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", grant ? "GRANTED" : "REFUSED");
        if (grant) {
            body.put("number", number == null ? "" : number.strip());
        } else {
            body.put("reason", reason == null ? "" : reason.strip());
        }
        String path = "PERMIT".equals(kind) ? "permit-decision" : "registration-decision";
        ServiceClients.call(CONTRACT_SERVICE, () -> contracts.post().uri("/contracts/{id}/{decision}", contractId, path)
                .header("Idempotency-Key", idempotencyKey).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toBodilessEntity());
    }

    // ---- audit-service

    /** The asset's trail, narrowed by the query's {@code from, to, party, type, asOf} as given. */
    Trail trail(String assetId, MultiValueMap<String, String> query) {
        return ServiceClients.call(AUDIT_SERVICE, () -> audit.get()
                .uri(uri -> uri.path("/audit/assets/{id}/trail").queryParams(query).build(assetId))
                .retrieve().body(Trail.class));
    }

    List<Check> checks() {
        return ServiceClients.call(AUDIT_SERVICE, () -> audit.get().uri("/audit/checks").retrieve()
                .body(new ParameterizedTypeReference<>() {
                }));
    }

    Statistics statistics(MultiValueMap<String, String> query) {
        return ServiceClients.call(AUDIT_SERVICE, () -> audit.get()
                .uri(uri -> uri.path("/audit/statistics").queryParams(query).build()).retrieve().body(Statistics.class));
    }

    /** The statistics as audit-service writes them in CSV, with its file name. */
    Download statisticsCsv(MultiValueMap<String, String> query) {
        return download(uri -> uri.path("/audit/statistics").queryParams(query).queryParam("format", "csv").build());
    }

    /** The export with its proofs, as audit-service wrote it, byte for byte: the browser verifies these bytes. */
    Download export(String assetId, MultiValueMap<String, String> query) {
        return download(uri -> uri.path("/audit/assets/{id}/export").queryParams(query).build(assetId));
    }

    /** The newest signed tree head, as audit-service wrote it. */
    Download latestTreeHead() {
        return download(uri -> uri.path("/audit/log/tree-heads/latest").build());
    }

    Download treeHead(long treeSize) {
        return download(uri -> uri.path("/audit/log/tree-heads/{size}").build(treeSize));
    }

    /** Asks the log to place what has settled and sign a head over it (or answers the latest, if nothing is new). */
    Download signTreeHead() {
        return ServiceClients.call(AUDIT_SERVICE, () -> {
            ResponseEntity<byte[]> answer = audit.post().uri("/audit/log/tree-heads").retrieve().toEntity(byte[].class);
            return new Download(answer.getBody(), String.valueOf(answer.getHeaders().getContentType()), null);
        });
    }

    List<SigningKey> signingKeys() {
        return ServiceClients.call(AUDIT_SERVICE, () -> audit.get().uri("/audit/log/signing-keys").retrieve()
                .body(new ParameterizedTypeReference<>() {
                }));
    }

    private Download download(java.util.function.Function<org.springframework.web.util.UriBuilder, java.net.URI> uri) {
        return ServiceClients.call(AUDIT_SERVICE, () -> {
            ResponseEntity<byte[]> answer = audit.get().uri(uri).retrieve().toEntity(byte[].class);
            return new Download(answer.getBody(), String.valueOf(answer.getHeaders().getContentType()),
                    answer.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION));
        });
    }
}

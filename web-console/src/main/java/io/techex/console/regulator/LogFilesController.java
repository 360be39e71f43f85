package io.techex.console.regulator;

import io.techex.console.regulator.Regulation.SigningKey;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The audit log's signed tree heads and keys, passed on from audit-service as it wrote them: for the browser's verifier
 * (which trusts none of it but the key the regulator pinned) and as files for the offline verifier.
 */
@Controller
class LogFilesController {

    private final RegulatorServices services;

    LogFilesController(RegulatorServices services) {
        this.services = services;
    }

    /** Asks the log to sign a head over everything settled, so the verification covers the newest entries. */
    @PostMapping("/regulator/log/tree-heads")
    ResponseEntity<byte[]> signTreeHead() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(services.signTreeHead().content());
    }

    @GetMapping("/regulator/log/tree-heads/latest.json")
    ResponseEntity<byte[]> latest() {
        return treeHeadFile(services.latestTreeHead().content(), "treehead.json");
    }

    @GetMapping("/regulator/log/tree-heads/{treeSize}.json")
    ResponseEntity<byte[]> ofSize(@PathVariable long treeSize) {
        return treeHeadFile(services.treeHead(treeSize).content(), "treehead-" + treeSize + ".json");
    }

    /** Every key that ever signed for the log, as PEM blocks: the offline verifier's third argument. */
    @GetMapping("/regulator/log/signing-keys.pem")
    ResponseEntity<String> keys() {
        StringBuilder pem = new StringBuilder();
        for (SigningKey key : services.signingKeys()) {
            pem.append("# keyId ").append(key.keyId()).append(", first used ").append(key.firstUsedAt()).append('\n')
                    .append("-----BEGIN PUBLIC KEY-----\n")
                    .append(Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(Base64.getDecoder().decode(key.publicKey())))
                    .append("\n-----END PUBLIC KEY-----\n");
        }
        return ResponseEntity.ok().contentType(new MediaType("application", "x-pem-file", StandardCharsets.US_ASCII))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"log-keys.pem\"").body(pem.toString());
    }

    private static ResponseEntity<byte[]> treeHeadFile(byte[] head, String name) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"").body(head);
    }
}

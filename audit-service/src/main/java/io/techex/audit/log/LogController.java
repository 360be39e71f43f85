package io.techex.audit.log;

import io.techex.platform.rules.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/**
 * The exchange-wide log: its signed tree heads and keys (every party of the exchange may read them and keep copies),
 * and proofs against them. Who may call which endpoint is in {@code AuditAccessRules}.
 */
@RestController
@RequestMapping("/audit/log")
class LogController {

    private final TreeHeads heads;
    private final Proofs proofs;

    LogController(TreeHeads heads, Proofs proofs) {
        this.heads = heads;
        this.proofs = proofs;
    }

    @GetMapping("/tree-heads/latest")
    TreeHead latest() {
        return heads.latest().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No tree head signed yet"));
    }

    @GetMapping("/tree-heads/{treeSize}")
    TreeHead ofSize(@PathVariable long treeSize) {
        return heads.ofSize(treeSize)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No tree head of size " + treeSize));
    }

    /** Signs the log as it stands: 201 with a new head, or 200 with the latest when the log has not grown since. */
    @PostMapping("/tree-heads")
    ResponseEntity<TreeHead> sign() {
        TreeHeads.Signed signed = heads.sign();
        return ResponseEntity.status(signed.created() ? HttpStatus.CREATED : HttpStatus.OK).body(signed.head());
    }

    @GetMapping("/signing-keys")
    List<TreeHeads.SigningKeyView> keys() {
        return heads.keys();
    }

    @GetMapping("/proofs/inclusion")
    Proofs.InclusionProof inclusion(@RequestParam String eventId, @RequestParam(required = false) Long treeSize) {
        return proofs.inclusion(eventId, treeSize);
    }

    @GetMapping("/proofs/consistency")
    Proofs.ConsistencyProof consistency(@RequestParam long first, @RequestParam long second) {
        if (first < 0) {
            throw RuleViolation.invalid("first", "must not be negative");
        }
        return proofs.consistency(first, second);
    }
}

package io.techex.audit.log;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Log", description = "The exchange-wide Merkle log (RFC 9162): signed tree heads, their keys, inclusion and consistency proofs")
class LogController {

    private final TreeHeads heads;
    private final Proofs proofs;

    LogController(TreeHeads heads, Proofs proofs) {
        this.heads = heads;
        this.proofs = proofs;
    }

    @Operation(summary = "The latest signed tree head")
    @ApiResponse(responseCode = "200", description = "The latest head", content = @Content(schema = @Schema(implementation = TreeHead.class)))
    @ApiResponse(responseCode = "404", description = "No tree head has been signed yet")
    @GetMapping("/tree-heads/latest")
    TreeHead latest() {
        return heads.latest().orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No tree head signed yet"));
    }

    @Operation(summary = "The signed tree head of a size")
    @GetMapping("/tree-heads/{treeSize}")
    TreeHead ofSize(@PathVariable long treeSize) {
        return heads.ofSize(treeSize)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No tree head of size " + treeSize));
    }

    /** Signs the log as it stands: 201 with a new head, or 200 with the latest when the log has not grown since. */
    @Operation(summary = "Sign the log as it stands (regulator)")
    @ApiResponse(responseCode = "201", description = "A new tree head", content = @Content(schema = @Schema(implementation = TreeHead.class)))
    @ApiResponse(responseCode = "200", description = "The log has not grown since the latest head: that head",
            content = @Content(schema = @Schema(implementation = TreeHead.class)))
    @PostMapping("/tree-heads")
    ResponseEntity<TreeHead> sign() {
        TreeHeads.Signed signed = heads.sign();
        return ResponseEntity.status(signed.created() ? HttpStatus.CREATED : HttpStatus.OK).body(signed.head());
    }

    @Operation(summary = "The keys tree heads are signed with")
    @GetMapping("/signing-keys")
    List<TreeHeads.SigningKeyView> keys() {
        return heads.keys();
    }

    @Operation(summary = "Prove an event is in the log (regulator)")
    @ApiResponse(responseCode = "200", description = "Its audit path", content = @Content(schema = @Schema(implementation = Proofs.InclusionProof.class)))
    @ApiResponse(responseCode = "404", description = "No such event in the log")
    @ApiResponse(responseCode = "409", description = "The event is recorded but not yet placed in the log, or no tree head "
            + "is signed yet: retry in a few seconds")
    @GetMapping("/proofs/inclusion")
    Proofs.InclusionProof inclusion(@RequestParam String eventId, @RequestParam(required = false) Long treeSize) {
        return proofs.inclusion(eventId, treeSize);
    }

    @Operation(summary = "Prove a larger tree extends a smaller one")
    @GetMapping("/proofs/consistency")
    Proofs.ConsistencyProof consistency(@RequestParam long first, @RequestParam long second) {
        if (first < 0) {
            throw RuleViolation.invalid("first", "must not be negative");
        }
        return proofs.consistency(first, second);
    }
}

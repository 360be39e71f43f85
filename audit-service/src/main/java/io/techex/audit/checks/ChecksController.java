package io.techex.audit.checks;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.List;

/** The checks a regulator runs over the exchange's trail, with what each finds. Regulators only (AuditAccessRules). */
@RestController
@RequestMapping("/audit/checks")
@Tag(name = "Checks", description = "What a regulator looks for in the trail, with what each check finds")
class ChecksController {

    private final RegulatoryChecks checks;

    ChecksController(RegulatoryChecks checks) {
        this.checks = checks;
    }

    /** Every check with its findings. */
    @Operation(summary = "Run every check")
    @GetMapping
    List<CheckResult> all() {
        return checks.runAll();
    }

    /** One check by name ({@code unverified-publications}, {@code unregistered-activations}, ...) with its findings. */
    @Operation(summary = "Run one check by name")
    @GetMapping("/{name}")
    CheckResult one(@PathVariable String name) {
        return checks.run(checks.find(name).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No check " + name + "; the checks are " + RegulatoryChecks.ALL.stream().map(RegulatoryCheck::name).toList())));
    }
}

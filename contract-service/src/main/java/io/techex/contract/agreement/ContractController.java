package io.techex.contract.agreement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.contract.api.ContractTerminated.TerminationReason;
import io.techex.contract.api.ContractTerms;
import io.techex.contract.signing.SigningKeys;
import io.techex.platform.actor.Actor;
import io.techex.platform.rules.RuleViolation;
import io.techex.platform.security.TokenClaims;
import io.techex.platform.web.CurrentActor;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Parties read, amend, sign and terminate their contracts; regulators list what awaits them and decide. A contract
 * of which the caller's organisation is not a party is a 404 to it; regulators read every contract, since they
 * decide on them and audit them.
 */
@RestController
@Tag(name = "Contracts", description = "From a deal to a licence or assignment in effect: reading, amending, signing, "
        + "terminating, and the regulators' permits and registrations")
class ContractController {

    private final ContractSteps steps;
    private final ContractViewProjection views;
    private final SigningKeys keys;
    private final Clock clock;

    ContractController(ContractSteps steps, ContractViewProjection views, SigningKeys keys, Clock clock) {
        this.steps = steps;
        this.views = views;
        this.keys = keys;
        this.clock = clock;
    }

    @Operation(summary = "The caller's contracts")
    @GetMapping("/contracts")
    List<ContractView> mine(@CurrentActor Actor actor) {
        return views.ofParty(actor.organisationId());
    }

    @Operation(summary = "Read a contract (its parties, regulators)")
    @GetMapping("/contracts/{contractId}")
    ContractView get(@PathVariable UUID contractId, @CurrentActor Actor actor) {
        return visible(contractId, actor);
    }

    /** The current version's document: its SHA-256 is what a party signs. */
    @Operation(summary = "The current version's document", description = """
            The contract as Markdown, UTF-8. The SHA-256 of exactly these bytes, as 64 lower-case hex digits, is in             the X-Document-SHA256 header and is what each party signs (see POST /contracts/{contractId}/signatures);             X-Contract-Version names the version.""")
    @GetMapping(value = "/contracts/{contractId}/document", produces = "text/markdown;charset=UTF-8")
    ResponseEntity<String> document(@PathVariable UUID contractId, @CurrentActor Actor actor) {
        ContractView view = visible(contractId, actor);
        var document = new ContractDocument(view.contractId, view.listingId, view.sellerOrganisationId,
                view.buyerOrganisationId, view.technologyTitle, view.ipTitles, view.terms, view.version);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/markdown;charset=UTF-8"))
                .header("X-Document-SHA256", document.sha256()).header("X-Contract-Version", String.valueOf(view.version))
                .body(document.markdown());
    }

    @Operation(summary = "Propose new terms (a party)")
    @PostMapping("/contracts/{contractId}/amendments")
    ContractProgress propose(@PathVariable UUID contractId, @Valid @RequestBody @NotNull ContractTerms terms, @CurrentActor Actor actor) {
        return steps.send(new ProposeAmendment(contractId.toString(), actor.organisationId(), terms), actor);
    }

    @Operation(summary = "Accept the other party's proposed terms")
    @PostMapping("/contracts/{contractId}/amendments/{number}/acceptance")
    ContractProgress accept(@PathVariable UUID contractId, @PathVariable int number, @CurrentActor Actor actor) {
        return steps.send(new AcceptAmendment(contractId.toString(), actor.organisationId(), number, clock.instant()), actor);
    }

    /**
     * @param documentSha256 optional: the version the signer means; a stale one is refused as such
     */
    @Schema(description = "A party's Ed25519 signature of the contract's current version")
    record SignatureRequest(
            @Schema(description = "The id of a key the caller's organisation registered at POST /signing-keys",
                    example = "hust-2026")
            @NotBlank String keyId,
            @Schema(description = "The Ed25519 signature (RFC 8032, pure: no pre-hashing) of the UTF-8 bytes of the "
                    + "version's SHA-256 written as 64 lower-case hex digits, i.e. of the text in X-Document-SHA256; "
                    + "not of the document itself nor of the 32 raw hash bytes. The 64 signature bytes, base64 "
                    + "(standard alphabet, padded).")
            @NotBlank String signature,
            @Schema(description = "Optional: the SHA-256 (64 lower-case hex digits) of the version the signer read; "
                    + "if the contract has moved on to another version, the signature is refused as "
                    + "409 signature-over-older-version rather than as not verifying",
                    example = "9f2c4e1b7a3d5f60812c4e6a8b0d2f4163a5c7e9b1d3f5a7c9e1b3d5f7a9c1e3")
            String documentSha256) {
    }

    /** The signer's organisation's country comes from the token, never from the body. */
    @Operation(summary = "Sign the contract's current version", description = """
            What is signed is the version's SHA-256, not the document: fetch GET /contracts/{contractId}/document,             compute the SHA-256 of its bytes as 64 lower-case hex digits (the X-Document-SHA256 header has it too), and             sign the UTF-8 bytes of those 64 characters with the organisation's Ed25519 key registered at             POST /signing-keys; send the 64-byte signature as base64. With openssl:             `printf '%s' "$SHA256" > contract.sha256; openssl pkeyutl -sign -rawin -inkey key.pem -in contract.sha256 |             openssl base64 -A` (the README's "Signing a contract from the shell" has the whole recipe). An amendment             accepted later voids the signature: the parties sign the new version. The signer's country, on which the             legal path depends, comes from its token. On the last signature the legal path is decided and, if no             regulator is involved, the contract takes effect.""")
    @PostMapping("/contracts/{contractId}/signatures")
    ContractProgress sign(@PathVariable UUID contractId, @Valid @RequestBody SignatureRequest request, @CurrentActor Actor actor) {
        var key = keys.find(request.keyId()).filter(found -> found.organisationId().equals(actor.organisationId()))
                .orElseThrow(() -> RuleViolation.invalid("keyId", "Organisation " + actor.organisationId()
                        + " has no registered key " + request.keyId() + "; register it at /signing-keys"));
        return steps.send(new SignContract(contractId.toString(), actor.organisationId(),
                TokenClaims.current(TokenClaims.COUNTRY).orElse(null), key.keyId(), key.publicKey(), request.signature(),
                request.documentSha256(), clock.instant()), actor);
    }

    record TerminationRequest(@NotNull TerminationReason reason, String note, @NotNull LocalDate effectiveOn) {
    }

    @Operation(summary = "Terminate, or propose to terminate (a party)")
    @PostMapping("/contracts/{contractId}/termination")
    ContractProgress terminate(@PathVariable UUID contractId, @Valid @RequestBody TerminationRequest request, @CurrentActor Actor actor) {
        return steps.send(new TerminateContract(contractId.toString(), actor.organisationId(), request.reason(),
                request.note(), request.effectiveOn(), clock.instant()), actor);
    }

    /** The holder's organisation comes from the token; the grantor, or anyone else, cannot exercise. */
    @Operation(summary = "Exercise an option in force (its holder)", description = """
            The option's holder takes the licence the option fixed: the option becomes EXERCISED and the licence \
            contract, drawn up on those terms (the option's field of use and territory, the licence's type, term and \
            price), is DRAFTING for both parties to sign like any contract; its id is derived from the option's, so \
            it is one licence however often this is asked. Until that licence takes effect, the option's reservation \
            in the rights ledger keeps the rights for it (no longer than the option's last day). An option not in \
            force (not yet started, exercised, lapsed at its end, or past its last day before the lapse was \
            recorded) is 409 option-not-in-force; the grantor is 409 not-the-option-holder; another contract 409 \
            not-an-option.""")
    @PostMapping("/contracts/{contractId}/exercise")
    OptionExercise exercise(@PathVariable UUID contractId, @CurrentActor Actor actor) {
        return steps.exercise(new ExerciseOption(contractId.toString(), actor.organisationId(), clock.instant()), actor);
    }

    // ---- regulators

    @Operation(summary = "Contracts awaiting a regulator's permit or registration")
    @GetMapping("/regulator/pending")
    List<ContractView> pending() {
        return views.awaitingRegulator();
    }

    /** GRANTED with the permit or registration number, or REFUSED with the reason. */
    @Schema(name = "DecisionRequest")
    record Decision(@NotNull Outcome outcome, String number, String reason) {
        enum Outcome { GRANTED, REFUSED }
    }

    @Operation(summary = "Grant or refuse the transfer permit (regulator)")
    @PostMapping("/contracts/{contractId}/permit-decision")
    ContractProgress decidePermit(@PathVariable UUID contractId, @Valid @RequestBody Decision decision, @CurrentActor Actor actor) {
        String officer = officerName(actor);
        String id = contractId.toString();
        return steps.send(decision.outcome() == Decision.Outcome.GRANTED
                ? new GrantPermit(id, actor.organisationId(), actor.personId(), officer, decision.number(), clock.instant())
                : new RefusePermit(id, actor.organisationId(), actor.personId(), officer, decision.reason(), clock.instant()), actor);
    }

    @Operation(summary = "Register the contract or refuse registration (regulator)")
    @PostMapping("/contracts/{contractId}/registration-decision")
    ContractProgress decideRegistration(@PathVariable UUID contractId, @Valid @RequestBody Decision decision, @CurrentActor Actor actor) {
        String officer = officerName(actor);
        String id = contractId.toString();
        return steps.send(decision.outcome() == Decision.Outcome.GRANTED
                ? new RegisterContract(id, actor.organisationId(), actor.personId(), officer, decision.number(), clock.instant())
                : new RefuseRegistration(id, actor.organisationId(), actor.personId(), officer, decision.reason(), clock.instant()), actor);
    }

    private static String officerName(Actor actor) {
        return TokenClaims.current(TokenClaims.PERSON_NAME).orElse(actor.personId());
    }

    private ContractView visible(UUID contractId, Actor actor) {
        return views.find(contractId.toString())
                .filter(view -> actor.role() == Actor.Role.REGULATOR || view.sellerOrganisationId.equals(actor.organisationId())
                        || view.buyerOrganisationId.equals(actor.organisationId()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No contract " + contractId));
    }
}

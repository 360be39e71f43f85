package io.techex.contract.signing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.techex.platform.actor.Actor;
import io.techex.platform.web.CurrentActor;
import jakarta.validation.constraints.NotBlank;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/** An organisation's people register the Ed25519 public keys its contracts are signed with. */
@RestController
@Tag(name = "Signing keys", description = "The Ed25519 public keys an organisation's contracts are signed with")
class SigningKeyController {

    private final SigningKeys keys;
    private final Clock clock;

    SigningKeyController(SigningKeys keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    @Schema(description = "An Ed25519 public key of the caller's organisation, to sign its contracts with")
    record KeyRegistration(
            @Schema(description = "The key's id, chosen by the organisation and unique on the exchange: 1 to 100 letters, "
                    + "digits, dots, hyphens or underscores. A signature names its key by this id.", example = "hust-2026")
            @NotBlank String keyId,
            @Schema(description = "The Ed25519 public key as base64 (standard alphabet, padded) of its DER X.509 "
                    + "SubjectPublicKeyInfo, 44 bytes: what `openssl pkey -pubout -outform DER` writes. Not PEM, not "
                    + "the 32 raw key bytes.", example = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=")
            @NotBlank String publicKey) {
    }

    @Operation(summary = "Register an Ed25519 public key of the caller's organisation", description = """
            The key its people sign contracts with: an Ed25519 public key, base64 of its DER X.509             SubjectPublicKeyInfo (`openssl pkey -in key.pem -pubout -outform DER | openssl base64 -A`). A key, once             registered, never changes; registering the same id and key again is answered with the key as registered,             the same id with another key is a 409 key-id-taken. The README's "Signing a contract from the shell" has             the whole recipe with openssl.""")
    @PostMapping("/signing-keys")
    @ResponseStatus(HttpStatus.CREATED)
    SigningKeys.SigningKey register(@jakarta.validation.Valid @RequestBody KeyRegistration registration, @CurrentActor Actor actor) {
        return keys.register(registration.keyId(), registration.publicKey(), actor, clock.instant());
    }

    @Operation(summary = "The caller's organisation's signing keys")
    @GetMapping("/signing-keys")
    List<SigningKeys.SigningKey> own(@CurrentActor Actor actor) {
        return keys.of(actor.organisationId());
    }
}

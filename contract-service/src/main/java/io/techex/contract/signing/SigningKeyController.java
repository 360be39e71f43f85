package io.techex.contract.signing;

import io.swagger.v3.oas.annotations.Operation;
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

    record KeyRegistration(@NotBlank String keyId, @NotBlank String publicKey) {
    }

    @Operation(summary = "Register a signing key for the caller's organisation")
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

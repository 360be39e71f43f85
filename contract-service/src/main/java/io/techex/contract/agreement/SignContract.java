package io.techex.contract.agreement;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A party signs the current version.
 *
 * @param country        the signing organisation's ISO country, from the signer's token
 * @param publicKey      the organisation's registered key {@code keyId}, base64 X.509
 * @param documentSha256 the version the signer believes it signs; null to sign whatever is current
 */
public record SignContract(@TargetAggregateIdentifier String contractId, String organisationId, String country,
                           String keyId, String publicKey, String signature, String documentSha256, Instant at) {
}

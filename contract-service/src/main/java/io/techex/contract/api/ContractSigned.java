package io.techex.contract.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * A party signed one version of the contract: an Ed25519 signature over the UTF-8 bytes of the version's SHA-256
 * (64 lower-case hex digits), verified by contract-service with the organisation's registered key. The public key
 * travels with it, so that anyone holding the document can verify the signature again.
 *
 * @param publicKey X.509 SubjectPublicKeyInfo of the Ed25519 key, base64
 * @param signature the 64-byte Ed25519 signature, base64
 * @param country   ISO 3166-1 alpha-2 country of the signing organisation, from the signer's token
 */
@EventType(name = "io.techex.contract.ContractSigned", version = 1)
public record ContractSigned(String contractId, String listingId, String organisationId, int version,
                             String documentSha256, String keyId, String publicKey, String signature, String country,
                             Instant signedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

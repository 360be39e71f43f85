package io.techex.contract.agreement;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;

/** An organisation's Ed25519 key pair in a test, signing as a party's own tool would. */
public record Signer(String keyId, KeyPair keys) {

    public static Signer generate(String keyId) {
        try {
            return new Signer(keyId, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Base64 X.509 SubjectPublicKeyInfo, as it is registered. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** Base64 Ed25519 signature over the UTF-8 bytes of the hex SHA-256. */
    public String sign(String documentSha256) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(keys.getPrivate());
            signature.update(documentSha256.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

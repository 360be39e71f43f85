package io.techex.contract.signing;

import io.techex.platform.rules.RuleViolation;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 with the JDK's own provider: public keys are X.509 SubjectPublicKeyInfo (what {@code openssl pkey -pubout
 * -outform DER} writes), base64; signatures are the 64 raw bytes, base64. A contract version is signed as the UTF-8
 * bytes of its SHA-256 in lower-case hex, so that a signer can do it with any tool from the hash alone.
 */
public final class Ed25519 {

    private Ed25519() {
    }

    /** The key, or a 422 naming {@code field} when it is not an Ed25519 public key. */
    public static PublicKey publicKey(String base64, String field) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
            return key;
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw RuleViolation.invalid(field, "Not an Ed25519 public key in base64 X.509 (SubjectPublicKeyInfo) form");
        }
    }

    /** True when {@code signatureBase64} is {@code key}'s signature of {@code documentSha256}. */
    public static boolean verifies(PublicKey key, String documentSha256, String signatureBase64) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(documentSha256.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            // malformed base64 or a signature of the wrong length verifies nothing
            return false;
        }
    }
}

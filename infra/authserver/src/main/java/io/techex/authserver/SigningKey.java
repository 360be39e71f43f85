package io.techex.authserver;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/** The RSA key tokens are signed with (RS256). */
final class SigningKey {

    private static final int MIN_BITS = 2048;

    private SigningKey() {
    }

    static RSAKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(MIN_BITS);
            KeyPair pair = generator.generateKeyPair();
            return toJwk((RSAPublicKey) pair.getPublic(), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key pair", e);
        }
    }

    /** Reads an RSA private key from PEM; the public half is derived from it, so one file is enough. */
    static RSAKey load(Resource location) {
        PrivateKey privateKey;
        try (InputStream in = location.getInputStream()) {
            privateKey = PemContent.load(in).getPrivateKey();
        } catch (IOException | IllegalStateException e) {
            throw new IllegalStateException("cannot read a PEM private key from techex.auth.key-location "
                    + location.getDescription() + ": " + e.getMessage(), e);
        }
        if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("techex.auth.key-location " + location.getDescription()
                    + " must hold an RSA private key (with its CRT parameters), found "
                    + (privateKey == null ? "none" : privateKey.getAlgorithm()));
        }
        if (rsa.getModulus().bitLength() < MIN_BITS) {
            throw new IllegalStateException("techex.auth.key-location " + location.getDescription() + " holds a "
                    + rsa.getModulus().bitLength() + "-bit RSA key; RS256 needs at least " + MIN_BITS);
        }
        try {
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            return toJwk(publicKey, rsa);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot derive the public key of " + location.getDescription(), e);
        }
    }

    private static RSAKey toJwk(RSAPublicKey publicKey, PrivateKey privateKey) {
        RSAKey withoutId = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
        try {
            // The RFC 7638 thumbprint as key id: stable across restarts for a key loaded from a file, so
            // resource servers that cached the JWK set keep matching it.
            return new RSAKey.Builder(withoutId)
                    .keyID(withoutId.computeThumbprint().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute the key's thumbprint", e);
        }
    }
}

package io.techex.audit.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log's Ed25519 key. {@code techex.audit.signing-key} names a PEM file holding the PKCS#8 private key and the
 * X.509 public key, as {@code openssl genpkey -algorithm ed25519 -out log.pem && openssl pkey -in log.pem -pubout >> log.pem}
 * writes it (the JDK cannot derive an Ed25519 public key from the private one, so the file carries both; they are
 * checked to match). Without it a key is generated at start and a warning says so: its tree heads verify, but
 * only until the service restarts with another key, and several instances sign with different keys. Every key
 * that signed is kept in {@code signing_key}, so older heads stay verifiable.
 */
@Component
public class SigningKey {

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final String keyId;

    SigningKey(@Value("${techex.audit.signing-key:}") String pemFile) {
        try {
            if (pemFile.isBlank()) {
                KeyPair generated = KeyPairGenerator.getInstance(TreeHeadSignature.ALGORITHM).generateKeyPair();
                privateKey = generated.getPrivate();
                publicKey = generated.getPublic().getEncoded();
                log.warn("techex.audit.signing-key is not set: tree heads are signed with a key generated at start ({}), "
                        + "which dies with this process. Configure a key file for anything but a local run.", keyId(publicKey));
            } else {
                String pem = Files.readString(Path.of(pemFile), StandardCharsets.US_ASCII);
                privateKey = KeyFactory.getInstance(TreeHeadSignature.ALGORITHM)
                        .generatePrivate(new PKCS8EncodedKeySpec(block(pem, "PRIVATE KEY", pemFile)));
                publicKey = block(pem, "PUBLIC KEY", pemFile);
                // a signature the public key verifies proves the two belong together
                byte[] probe = sign(TreeHeadSignature.message(0, 0, Rfc9162.emptyRoot()));
                if (!TreeHeadSignature.verify(publicKey, 0, 0, Rfc9162.emptyRoot(), probe)) {
                    throw new IllegalStateException("The public key in " + pemFile + " does not belong to its private key");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the log's signing key " + pemFile, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an Ed25519 key pair: " + pemFile, e);
        }
        keyId = keyId(publicKey);
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(TreeHeadSignature.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    /** X.509 SubjectPublicKeyInfo, DER. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    public String keyId() {
        return keyId;
    }

    private static String keyId(byte[] publicKey) {
        return TreeHeadSignature.keyId(publicKey);
    }

    private static byte[] block(String pem, String type, String file) {
        Matcher matcher = PEM.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(matcher.group(2).strip());
            }
        }
        throw new IllegalStateException(file + " has no " + type + " block");
    }
}

package io.techex.audit.log;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
 * The log's Ed25519 key. {@code techex.audit.signing-key} ({@code TECHEX_AUDIT_SIGNING_KEY}) is a PEM file, or the
 * PEM text itself, holding the PKCS#8 private key and the X.509 public key, as {@link #GENERATE} writes it (the JDK
 * cannot derive an Ed25519 public key from the private one, so the file carries both; they are checked to match).
 * <p>
 * Regulators pin the key: every replica must sign with the same one, and it must survive restarts. So without a key
 * the service refuses to start ({@link Problem}, with the command that makes one), except in demo mode
 * ({@code techex.demo-mode}: the one-process launcher and the tests), where a key is generated at start and a warning
 * says so. Every key that signed stays listed in {@code signing_key} and at {@code GET /audit/log/signing-keys}, so
 * older heads stay verifiable after a rotation.
 */
@Component
public class SigningKey {

    /** The shell commands that make a key file in the form this class reads. */
    public static final String GENERATE = "openssl genpkey -algorithm ed25519 -out audit-log-key.pem"
            + " && openssl pkey -in audit-log-key.pem -pubout >> audit-log-key.pem";
    static final String VARIABLE = "TECHEX_AUDIT_SIGNING_KEY";

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([^-]+)-----END \\1-----");

    private final PrivateKey privateKey;
    private final byte[] publicKey;
    private final String keyId;

    SigningKey(@Value("${techex.audit.signing-key:}") String configured,
               @Value("${techex.demo-mode:false}") boolean demoMode) {
        if (configured.isBlank()) {
            if (!demoMode) {
                throw new Problem("the audit log has no signing key: set " + VARIABLE + " (techex.audit.signing-key) to a"
                        + " PEM file, or the PEM itself, with an Ed25519 key pair made by `" + GENERATE + "`; every"
                        + " replica needs the same key (infra/deploy/README.md)");
            }
            KeyPair generated = generate();
            privateKey = generated.getPrivate();
            publicKey = generated.getPublic().getEncoded();
            log.warn("techex.demo-mode: tree heads are signed with a key generated at start ({}), which dies with this "
                    + "process. Outside a demo, set {} (see infra/deploy/README.md).", TreeHeadSignature.keyId(publicKey), VARIABLE);
        } else {
            boolean inline = configured.strip().startsWith("-----BEGIN");
            String source = inline ? VARIABLE + " (inline PEM)" : configured.strip();
            String pem = inline ? configured : read(configured.strip());
            try {
                privateKey = KeyFactory.getInstance(TreeHeadSignature.ALGORITHM)
                        .generatePrivate(new PKCS8EncodedKeySpec(block(pem, "PRIVATE KEY", source)));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new Problem(source + " holds no Ed25519 private key (" + e.getMessage() + "); make one with `"
                        + GENERATE + "`");
            }
            publicKey = block(pem, "PUBLIC KEY", source);
            // a signature the public key verifies proves the two belong together
            byte[] probe = sign(TreeHeadSignature.message(0, 0, Rfc9162.emptyRoot()));
            if (!TreeHeadSignature.verify(publicKey, 0, 0, Rfc9162.emptyRoot(), probe)) {
                throw new Problem("the public key in " + source + " does not belong to its private key; make the pair with `"
                        + GENERATE + "`");
            }
        }
        keyId = TreeHeadSignature.keyId(publicKey);
    }

    /** A new key pair as PEM, in the form this class reads: for a demo that keeps its key across restarts. */
    public static String newKeyPairPem() {
        KeyPair pair = generate();
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded());
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

    /** Why the configured key cannot be used, in one line that says how to fix it. */
    public static final class Problem extends IllegalStateException {
        Problem(String message) {
            super(message);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(TreeHeadSignature.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JDK since 15 has Ed25519", e);
        }
    }

    private static String read(String file) {
        try {
            String pem = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
            if (pem.isBlank()) {
                throw new Problem(VARIABLE + " names " + file + ", which is empty; put an Ed25519 key pair in it with `"
                        + GENERATE + "`");
            }
            return pem;
        } catch (IOException | InvalidPathException e) {
            throw new Problem(VARIABLE + " names " + file + ", which cannot be read (" + e + "); set it to a readable PEM"
                    + " file made with `" + GENERATE + "`");
        }
    }

    private static byte[] block(String pem, String type, String source) {
        Matcher matcher = PEM.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(type)) {
                try {
                    return Base64.getMimeDecoder().decode(matcher.group(2).strip());
                } catch (IllegalArgumentException e) {
                    throw new Problem(source + " has a " + type + " block that is not base64");
                }
            }
        }
        throw new Problem(source + " has no " + type + " block; make the key file with `" + GENERATE + "`");
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

package io.techex.authserver;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeyTest {

    private final ClassPathResource pem = new ClassPathResource("test-signing-key.pem");

    @Test
    void aPemPrivateKeyYieldsAMatchingPublicKeyWhoseIdSurvivesARestart() throws Exception {
        RSAKey key = SigningKey.load(pem);

        JWSObject signed = new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload("techex"));
        signed.sign(new RSASSASigner(key));
        assertThat(signed.verify(new RSASSAVerifier(key.toPublicJWK()))).isTrue();
        assertThat(key.getKeyUse()).isEqualTo(KeyUse.SIGNATURE);
        assertThat(key.getKeyID()).isEqualTo(key.computeThumbprint().toString())
                .isEqualTo(SigningKey.load(pem).getKeyID());
    }

    @Test
    void somethingOtherThanAPrivateKeyIsRefusedWithItsLocation(@TempDir Path dir) throws Exception {
        Path notAKey = Files.writeString(dir.resolve("key.pem"), "not a key");

        assertThatIllegalStateException().isThrownBy(() -> SigningKey.load(new FileSystemResource(notAKey)))
                .withMessageContaining("key.pem");
    }
}

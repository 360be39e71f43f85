package io.techex.audit.log;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where the log's key comes from, and the one line that says what to do when it cannot. */
class SigningKeyTest {

    @TempDir
    Path files;

    @Test
    void withoutAKeyOutsideDemoModeItRefusesWithOneLineSayingWhichVariableAndHowToMakeOne() {
        assertThatThrownBy(() -> new SigningKey("", false))
                .isInstanceOf(SigningKey.Problem.class)
                .hasMessageContaining("set TECHEX_AUDIT_SIGNING_KEY (techex.audit.signing-key)")
                .hasMessageContaining("`openssl genpkey -algorithm ed25519 -out audit-log-key.pem && openssl pkey -in"
                        + " audit-log-key.pem -pubout >> audit-log-key.pem`")
                .hasMessageContaining("every replica needs the same key")
                .message().doesNotContain("\n");
    }

    @Test
    void inDemoModeAKeyIsGeneratedEachStart() {
        SigningKey one = new SigningKey("", true);
        SigningKey other = new SigningKey(" ", true);
        assertThat(one.keyId()).hasSize(64).isNotEqualTo(other.keyId());
        byte[] message = TreeHeadSignature.message(1, 2, Rfc9162.emptyRoot());
        assertThat(TreeHeadSignature.verify(one.publicKey(), 1, 2, Rfc9162.emptyRoot(), one.sign(message))).isTrue();
    }

    @Test
    void aKeyFromAFileOrInlineIsTheSameKeyAndWinsOverDemoMode() throws Exception {
        String pem = SigningKey.newKeyPairPem();
        Path file = Files.writeString(files.resolve("key.pem"), pem);
        SigningKey fromFile = new SigningKey(file.toString(), true);
        SigningKey inline = new SigningKey(pem, false);
        assertThat(fromFile.keyId()).isEqualTo(inline.keyId()).isEqualTo(TreeHeadSignature.keyId(inline.publicKey()));
        assertThat(new SigningKey(file.toString(), false).keyId()).as("the same on every start").isEqualTo(fromFile.keyId());
    }

    @Test
    void anUnusableKeyIsRefusedSayingWhy() throws Exception {
        String one = SigningKey.newKeyPairPem();
        String other = SigningKey.newKeyPairPem();
        String mismatched = one.substring(0, one.indexOf("-----BEGIN PUBLIC KEY"))
                + other.substring(other.indexOf("-----BEGIN PUBLIC KEY"));
        assertThatThrownBy(() -> new SigningKey(mismatched, false)).isInstanceOf(SigningKey.Problem.class)
                .hasMessageContaining("does not belong to its private key");
        String privateOnly = one.substring(0, one.indexOf("-----BEGIN PUBLIC KEY"));
        assertThatThrownBy(() -> new SigningKey(privateOnly, false)).isInstanceOf(SigningKey.Problem.class)
                .hasMessageContaining("has no PUBLIC KEY block");
        Path empty = Files.writeString(files.resolve("empty.pem"), "");
        assertThatThrownBy(() -> new SigningKey(empty.toString(), true)).isInstanceOf(SigningKey.Problem.class)
                .hasMessageContaining("which is empty");
        assertThatThrownBy(() -> new SigningKey(files.resolve("absent.pem").toString(), true))
                .isInstanceOf(SigningKey.Problem.class).hasMessageContaining("which cannot be read");
    }

    @Test
    void springBootReportsTheProblemAndWhatToDo() {
        FailureAnalyzer analyzer = new SigningKeyFailureAnalyzer();
        SigningKey.Problem problem = new SigningKey.Problem("the audit log has no signing key");
        FailureAnalysis analysis = analyzer.analyze(new IllegalStateException("Error creating bean", problem));
        assertThat(analysis.getDescription()).isEqualTo("the audit log has no signing key");
        assertThat(analysis.getAction()).contains("TECHEX_AUDIT_SIGNING_KEY").contains("openssl genpkey");
    }
}

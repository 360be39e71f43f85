package io.techex.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The launcher's demo mode: the audit log signs with one key across restarts, as its database keeps the log, made at
 * the first start and readable by its owner only.
 */
class DemoModeTest {

    @TempDir
    Path home;

    @Test
    void theAuditLogKeyIsMadeOnceAndKeptInTheUsersTechExDirectory() throws Exception {
        assumeTrue(System.getenv("TECHEX_AUDIT_SIGNING_KEY") == null, "a configured key wins over the demo key");
        Path techexHome = home.resolve(".techex");
        Map<String, Object> first = TechExLocal.demoMode(techexHome);
        Path key = techexHome.resolve("audit-log-key.pem");
        assertThat(first).containsEntry("techex.demo-mode", true).containsEntry("techex.audit.signing-key", key.toString());
        String pem = Files.readString(key);
        assertThat(pem).contains("-----BEGIN PRIVATE KEY-----").contains("-----BEGIN PUBLIC KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

        assertThat(TechExLocal.demoMode(techexHome)).isEqualTo(first);
        assertThat(Files.readString(key)).as("the next start signs with the same key").isEqualTo(pem);
    }
}

package io.techex.audit;

import io.techex.testkit.AccessMatrix;
import io.techex.testkit.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static io.techex.testkit.AccessMatrix.Role.REGULATOR;
import static io.techex.testkit.AccessMatrix.Role.values;

/** Every endpoint of audit-service × every role and every kind of bad token, against the running service. */
@IntegrationTest
class AuditAccessMatrixTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointAnswersEveryRoleAsTheRulesSay() {
        AccessMatrix.of(context)
                .row("GET", "/audit/assets/{assetId}/trail", null, REGULATOR)
                .row("GET", "/audit/assets/{assetId}/export", null, REGULATOR)
                .row("GET", "/audit/log/proofs/inclusion", null, REGULATOR)
                .row("POST", "/audit/log/tree-heads", null, REGULATOR)
                .row("GET", "/audit/checks", null, REGULATOR)
                .row("GET", "/audit/checks/{name}", null, REGULATOR)
                .row("GET", "/audit/statistics", null, REGULATOR)
                // hashes only: every party may keep and compare the log's heads
                .row("GET", "/audit/log/tree-heads/latest", null, values())
                .row("GET", "/audit/log/tree-heads/{treeSize}", null, values())
                .row("GET", "/audit/log/signing-keys", null, values())
                .row("GET", "/audit/log/proofs/consistency", null, values())
                .verify();
    }
}

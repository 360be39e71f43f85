package io.techex.audit;

import io.techex.testkit.AccessMatrix;
import io.techex.testkit.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static io.techex.testkit.AccessMatrix.Role.REGULATOR;

/** Every endpoint of audit-service × every role and every kind of bad token, against the running service. */
@IntegrationTest
class AuditAccessMatrixTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointAnswersEveryRoleAsTheRulesSay() {
        AccessMatrix.of(context)
                .row("GET", "/audit/assets/{assetId}/trail", null, REGULATOR)
                .verify();
    }
}

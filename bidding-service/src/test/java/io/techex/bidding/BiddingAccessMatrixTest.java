package io.techex.bidding;

import io.techex.testkit.AccessMatrix;
import io.techex.testkit.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Every endpoint of bidding-service × every role and every kind of bad token, against the running service. It has no
 * endpoints of its own yet; the first one added fails this test until it has a row and a rule.
 */
@IntegrationTest
class BiddingAccessMatrixTest {

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointAnswersEveryRoleAsTheRulesSay() {
        AccessMatrix.of(context).verify();
    }
}

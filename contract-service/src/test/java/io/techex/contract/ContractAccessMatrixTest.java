package io.techex.contract;

import io.techex.testkit.AccessMatrix;
import io.techex.testkit.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import static io.techex.testkit.AccessMatrix.Role.FIRM;
import static io.techex.testkit.AccessMatrix.Role.OPERATOR;
import static io.techex.testkit.AccessMatrix.Role.REGULATOR;
import static io.techex.testkit.AccessMatrix.Role.UNIVERSITY;

/** Every endpoint of contract-service × every role and every kind of bad token, against the running service. */
@IntegrationTest
class ContractAccessMatrixTest {

    static final String TERMS = """
            {"dealType": "NON_EXCLUSIVE_LICENCE", "price": {"amount": "1000", "currency": "VND"}}""";
    static final String SIGNATURE = """
            {"keyId": "no-such-key", "signature": "AAAA"}""";
    static final String DECISION = """
            {"outcome": "REFUSED", "reason": "incomplete file"}""";

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointAnswersEveryRoleAsTheRulesSay() {
        AccessMatrix.of(context)
                .row("POST", "/signing-keys", """
                        {"keyId": "k", "publicKey": "not a key"}""", UNIVERSITY, FIRM)
                .row("GET", "/signing-keys", null, UNIVERSITY, FIRM)
                .row("GET", "/contracts", null, UNIVERSITY, FIRM)
                .row("GET", "/contracts/{contractId}", null, UNIVERSITY, FIRM, REGULATOR)
                .row("GET", "/contracts/{contractId}/document", null, UNIVERSITY, FIRM, REGULATOR)
                .row("POST", "/contracts/{contractId}/amendments", TERMS, UNIVERSITY, FIRM)
                .row("POST", "/contracts/{contractId}/amendments/{number}/acceptance", null, UNIVERSITY, FIRM)
                .row("POST", "/contracts/{contractId}/signatures", SIGNATURE, UNIVERSITY, FIRM)
                .row("POST", "/contracts/{contractId}/termination", """
                        {"reason": "BREACH", "note": "unpaid", "effectiveOn": "2030-01-01"}""", UNIVERSITY, FIRM)
                .row("POST", "/contracts/{contractId}/exercise", null, UNIVERSITY, FIRM)
                .row("GET", "/contracts/{contractId}/account", null, UNIVERSITY, FIRM, REGULATOR)
                .row("POST", "/contracts/{contractId}/royalty-reports", """
                        {"periodNumber": 1, "netSales": {"amount": "1000000", "currency": "VND"}}""", UNIVERSITY, FIRM)
                .row("POST", "/contracts/{contractId}/payments", """
                        {"periodNumber": 1, "amount": {"amount": "35000", "currency": "VND"}, "paidOn": "2027-04-20"}""", UNIVERSITY, FIRM)
                .row("POST", "/contracts/{contractId}/milestones/{milestoneId}/met", """
                        {"metOn": "2027-06-15"}""", UNIVERSITY, FIRM)
                .row("GET", "/regulator/pending", null, REGULATOR)
                .row("GET", "/regulator/overdue-royalty-reports", null, REGULATOR)
                .row("POST", "/contracts/{contractId}/permit-decision", DECISION, REGULATOR)
                .row("POST", "/contracts/{contractId}/registration-decision", DECISION, REGULATOR)
                .row("GET", "/assets/{listingId}/rights", null, UNIVERSITY, FIRM, OPERATOR, REGULATOR)
                .verify();
    }
}

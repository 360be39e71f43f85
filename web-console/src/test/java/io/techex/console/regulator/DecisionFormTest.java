package io.techex.console.regulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a decision still lacks before its confirmation page, and the event it will be. */
class DecisionFormTest {

    @Test
    void aGrantNeedsItsNumberAndARefusalItsReason() {
        assertThat(new DecisionForm(null, "DK-1", null).missing("REGISTRATION")).containsExactly("outcome");
        assertThat(new DecisionForm("GRANTED", " ", null).missing("REGISTRATION")).containsExactly("registrationNumber");
        assertThat(new DecisionForm("GRANTED", null, "why").missing("PERMIT")).containsExactly("permitNumber");
        assertThat(new DecisionForm("REFUSED", "DK-1", "").missing("REGISTRATION")).containsExactly("reason");
        assertThat(new DecisionForm("GRANTED", "DK-1", null).missing("REGISTRATION")).isEmpty();
        assertThat(new DecisionForm("REFUSED", null, "The transferee is not named").missing("PERMIT")).isEmpty();
    }

    @Test
    void eachDecisionIsTheEventTheTrailNamesIt() {
        assertThat(new DecisionForm("GRANTED", "DK-1", null).eventName("REGISTRATION")).isEqualTo("ContractRegistered");
        assertThat(new DecisionForm("REFUSED", null, "x").eventName("REGISTRATION")).isEqualTo("RegistrationRefused");
        assertThat(new DecisionForm("GRANTED", "GP-1", null).eventName("PERMIT")).isEqualTo("TransferPermitGranted");
        assertThat(new DecisionForm("REFUSED", null, "x").eventName("PERMIT")).isEqualTo("TransferPermitRefused");
    }
}

package io.techex.contract.legal;

import io.techex.contract.api.RegulatoryCategory;
import io.techex.platform.rules.RuleViolation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import static io.techex.contract.api.RegulatoryCategory.ENCOURAGED;
import static io.techex.contract.api.RegulatoryCategory.ORDINARY;
import static io.techex.contract.api.RegulatoryCategory.PROHIBITED;
import static io.techex.contract.api.RegulatoryCategory.RESTRICTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per rule of {@link TransferLaw}. */
class TransferLawTest {

    @Test
    void aProhibitedTechnologyCannotBeContractedAtAll() {
        assertThatThrownBy(() -> TransferLaw.requireTransferable(PROHIBITED))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> assertThat(violation.code()).isEqualTo("transfer-prohibited"));
        assertThatThrownBy(() -> TransferLaw.pathOf(new Transfer(PROHIBITED, false, "VN", "VN")))
                .isInstanceOf(RuleViolation.class);
    }

    @ParameterizedTest
    @EnumSource(value = RegulatoryCategory.class, names = {"ENCOURAGED", "ORDINARY", "RESTRICTED"})
    void everyOtherCategoryMayBeContracted(RegulatoryCategory category) {
        TransferLaw.requireTransferable(category);
    }

    @Test
    void aDomesticTransferOfAnOrdinaryPrivatelyFundedTechnologyTakesEffectOnTheLastSignature() {
        LegalPath path = TransferLaw.pathOf(new Transfer(ORDINARY, false, "VN", "VN"));
        assertThat(path.takesEffectOnSignature()).isTrue();
        assertThat(TransferLaw.pathOf(new Transfer(ENCOURAGED, false, "VN", "VN")).takesEffectOnSignature()).isTrue();
    }

    @Test
    void aRestrictedTechnologyNeedsAPermitWhichReplacesRegistration() {
        for (var countries : new String[][]{{"VN", "VN"}, {"VN", "JP"}, {"JP", "VN"}}) {
            LegalPath path = TransferLaw.pathOf(new Transfer(RESTRICTED, true, countries[0], countries[1]));
            assertThat(path.permitRequired()).isTrue();
            assertThat(path.registrationRequired()).isFalse();
            assertThat(path.reasons()).anyMatch(reason -> reason.contains("article 29"));
        }
    }

    @Test
    void aTransferFromAbroadIntoVietnamMustBeRegistered() {
        LegalPath path = TransferLaw.pathOf(new Transfer(ORDINARY, false, "JP", "VN"));
        assertThat(path.registrationRequired()).isTrue();
        assertThat(path.permitRequired()).isFalse();
        assertThat(path.reasons()).singleElement().asString().contains("into Vietnam");
    }

    @Test
    void aTransferFromVietnamAbroadMustBeRegistered() {
        LegalPath path = TransferLaw.pathOf(new Transfer(ENCOURAGED, false, "VN", "JP"));
        assertThat(path.registrationRequired()).isTrue();
        assertThat(path.reasons()).singleElement().asString().contains("abroad (JP)");
    }

    @Test
    void aDomesticTransferOfStateFundedResultsMustBeRegistered() {
        LegalPath path = TransferLaw.pathOf(new Transfer(ORDINARY, true, "VN", "VN"));
        assertThat(path.registrationRequired()).isTrue();
        assertThat(path.reasons()).singleElement().asString().contains("State-funded");
    }

    @Test
    void aTransferBetweenTwoForeignOrganisationsHasNoRegistrationDuty() {
        assertThat(TransferLaw.pathOf(new Transfer(ORDINARY, true, "JP", "KR")).takesEffectOnSignature()).isTrue();
    }
}

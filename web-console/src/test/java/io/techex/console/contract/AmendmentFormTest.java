package io.techex.console.contract;

import io.techex.console.services.ContractModel.LicenceTerms;
import io.techex.console.services.ContractModel.Milestone;
import io.techex.console.services.ContractModel.Money;
import io.techex.console.services.ContractModel.Royalty;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AmendmentFormTest {

    /** contract-service takes amounts as decimal strings: an option's licence goes back as it came, in that form. */
    @Test
    void anOptionsLicenceGoesOnInContractServicesFormWithAmountsAsDecimalStrings() {
        LicenceTerms licence = new LicenceTerms("EXCLUSIVE_LICENCE", null, new Money(new BigDecimal("8E+8"), "VND"),
                new Royalty(new BigDecimal("3.5"), "QUARTER", null),
                List.of(new Milestone("pilot", "Pilot line running", LocalDate.of(2027, 3, 1),
                        new Money(new BigDecimal("100000000"), "VND"))));

        assertThat(AmendmentForm.licence(licence)).isEqualTo(Map.of(
                "dealType", "EXCLUSIVE_LICENCE",
                "price", Map.of("amount", "800000000", "currency", "VND"),
                "royalty", Map.of("ratePercent", "3.5", "period", "QUARTER"),
                "milestones", List.of(Map.of("milestoneId", "pilot", "description", "Pilot line running",
                        "dueDate", "2027-03-01", "payment", Map.of("amount", "100000000", "currency", "VND")))));
    }
}

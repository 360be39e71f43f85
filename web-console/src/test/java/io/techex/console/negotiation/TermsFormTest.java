package io.techex.console.negotiation;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TermsFormTest {

    private static final Locale VI = Locale.forLanguageTag("vi");

    @Test
    void theTermsGoAsBiddingServiceTakesThemWithEmptyPartsLeftOut() {
        TermsForm form = licence();
        Map<String, Object> request = form.toRequest(VI);

        assertThat(request.get("validUntil")).isEqualTo("2026-12-12T03:00:00Z");
        @SuppressWarnings("unchecked")
        Map<String, Object> terms = (Map<String, Object>) request.get("terms");
        assertThat(terms).containsEntry("dealType", "NON_EXCLUSIVE_LICENCE").containsEntry("territory", "VN")
                .containsEntry("termMonths", 36).doesNotContainKey("fieldOfUse");
        assertThat(terms.get("price")).isEqualTo(Map.of("currency", "VND", "lumpSum", "400000000",
                "runningRoyaltyPercent", "3.5", "milestones", List.of(Map.of("description", "Pilot line running",
                        "amount", "100000000"))));
    }

    /** The service names the request's paths; a milestone's index there is its place among the rows filled in. */
    @Test
    void theServicesPathsNameTheFormsFields() {
        TermsForm form = licence();
        form.toRequest(VI);
        assertThat(form.formPath("terms.price.lumpSum")).isEqualTo("lumpSum");
        assertThat(form.formPath("terms.price.runningRoyaltyPercent")).isEqualTo("royaltyPercent");
        assertThat(form.formPath("terms.price.milestones[0].amount")).isEqualTo("milestones[1].amount");
        assertThat(form.formPath("validUntil")).isEqualTo("validUntil");
        assertThat(form.formPath("terms.price")).as("no single field: at the top").isNull();
    }

    @Test
    void whatIsShownBeforeItBindsIsWhatIsSentAndNothingWhileAnAmountIsNoNumber() {
        TermsForm form = licence();
        var terms = form.parsed(VI);
        assertThat(terms.price().lumpSum()).isEqualByComparingTo(new BigDecimal("400000000"));
        assertThat(terms.price().runningRoyaltyPercent()).isEqualByComparingTo(new BigDecimal("3.5"));
        assertThat(terms.price().milestones()).hasSize(1);

        form.setLumpSum("bốn trăm triệu");
        assertThat(form.parsed(VI)).as("sent for the service to name the field").isNull();
    }

    /** An option's terms carry the licence it fixes, priced in the option's currency, as bidding-service's terms.licence. */
    @Test
    void anOptionSendsTheLicenceItFixesAndTheServicesPathsIntoItNameItsFields() {
        TermsForm form = new TermsForm();
        form.setDealType("OPTION");
        form.setTerritory("VN");
        form.setTermMonths("6");
        form.setLumpSum("100.000.000");
        form.setLicenceType("EXCLUSIVE_LICENCE");
        form.setLicenceTermMonths("60");
        form.setLicenceLumpSum("800.000.000");
        form.setLicenceRoyaltyPercent("3,5");
        form.setValidUntil("2026-12-12T10:00");

        @SuppressWarnings("unchecked")
        Map<String, Object> terms = (Map<String, Object>) form.toRequest(VI).get("terms");
        assertThat(terms.get("licence")).isEqualTo(Map.of("dealType", "EXCLUSIVE_LICENCE", "termMonths", 60,
                "price", Map.of("currency", "VND", "lumpSum", "800000000", "runningRoyaltyPercent", "3.5")));
        assertThat(form.formPath("terms.licence.price.lumpSum")).isEqualTo("licenceLumpSum");
        assertThat(form.formPath("terms.licence.termMonths")).isEqualTo("licenceTermMonths");
        assertThat(form.formPath("terms.licence.dealType")).isEqualTo("licenceType");

        var parsed = form.parsed(VI);
        assertThat(parsed.licence().termMonths()).isEqualTo(60);
        assertThat(parsed.licence().price().runningRoyaltyPercent()).isEqualByComparingTo(new BigDecimal("3.5"));
        assertThat(form.hiddenFields()).contains(Map.entry("licenceLumpSum", "800.000.000"));

        form.setLicenceTermMonths("");
        @SuppressWarnings("unchecked")
        Map<String, Object> noEnd = (Map<String, Object>) ((Map<String, Object>) form.toRequest(VI).get("terms")).get("licence");
        assertThat(noEnd).as("a licence without end").doesNotContainKey("termMonths");
    }

    /** A counter-offer on an option starts from the licence on the table. */
    @Test
    void aCounterOfferOnAnOptionStartsFromTheLicenceOnTheTable() {
        var price = new io.techex.console.services.BiddingModel.Price("VND", new BigDecimal("100000000"), null, null, List.of());
        var licence = new io.techex.console.services.BiddingModel.OptionLicence("NON_EXCLUSIVE_LICENCE", null,
                new io.techex.console.services.BiddingModel.Price("VND", new BigDecimal("800000000"), new BigDecimal("3.5"), null, List.of()));
        // the form is filled and read in the reader's language, "3,5" in Vietnamese
        org.springframework.context.i18n.LocaleContextHolder.setLocale(VI);
        try {
            TermsForm form = TermsForm.of(new io.techex.console.services.BiddingModel.DealTerms("OPTION", null, "VN", 6, price, licence),
                    java.time.Instant.parse("2026-12-05T03:00:00Z"), new io.techex.console.format.Formats());
            assertThat(form.getLicenceType()).isEqualTo("NON_EXCLUSIVE_LICENCE");
            assertThat(form.getLicenceTermMonths()).isEmpty();
            assertThat(form.getLicenceRoyaltyPercent()).isEqualTo("3,5");
            assertThat(form.parsed(VI).licence()).isEqualTo(licence);
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
    }

    @Test
    void onlyAnOptionSendsALicence() {
        @SuppressWarnings("unchecked")
        Map<String, Object> terms = (Map<String, Object>) licence().toRequest(VI).get("terms");
        assertThat(terms).doesNotContainKey("licence");
        assertThat(licence().parsed(VI).licence()).isNull();
    }

    private static TermsForm licence() {
        TermsForm form = new TermsForm();
        form.setDealType("NON_EXCLUSIVE_LICENCE");
        form.setTerritory("vn");
        form.setTermMonths("36");
        form.setLumpSum("400.000.000");
        form.setRoyaltyPercent("3,5");
        form.getMilestones().get(1).setDescription("Pilot line running");
        form.getMilestones().get(1).setAmount("100.000.000");
        form.setValidUntil("2026-12-12T10:00");
        return form;
    }
}

package io.techex.listing.matching;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.Budget;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.MatchKind;
import io.techex.listing.api.MatchReason;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each component of a match's score, and its reason, from given terms and frequencies: no database. */
class ScorerTest {

    @Test
    void ipcScoresByTheDeepestLevelSharedAndFullyWhenTheListingLiesWithinTheField() {
        assertThat(Scorer.ipc(List.of("C02F"), List.of("C02F 1/28"))).isEqualTo(new Scorer.Component(1, "C02F matches C02F 1/28"));
        assertThat(Scorer.ipc(List.of("C02"), List.of("C02F 9/00")).value()).isEqualTo(1);
        assertThat(Scorer.ipc(List.of("C02F 1/00"), List.of("C02F 1/28")).value()).as("a main group holds its groups").isEqualTo(1);
        assertThat(Scorer.ipc(List.of("C02F 1/44"), List.of("C02F 1/28")))
                .isEqualTo(new Scorer.Component(0.9, "C02F 1/44 and C02F 1/28 share main group C02F 1"));
        assertThat(Scorer.ipc(List.of("C02F 3/28"), List.of("C02F 1/28")).value()).isEqualTo(0.8);
        assertThat(Scorer.ipc(List.of("C02F 1/28"), List.of("C02F")).value()).as("a listing broader than the need").isEqualTo(0.8);
        assertThat(Scorer.ipc(List.of("C12N"), List.of("C12P 5/02"))).isEqualTo(new Scorer.Component(0.5, "C12N and C12P 5/02 share class C12"));
        assertThat(Scorer.ipc(List.of("A61K"), List.of("A01N 63/00")).value()).isEqualTo(0.2);
        assertThat(Scorer.ipc(List.of("A01G", "C02F"), List.of("H01M 10/05", "C02F 1/44")).value()).as("the best pair").isEqualTo(1);
        assertThat(Scorer.ipc(List.of("G06F"), List.of("C02F 1/44")))
                .isEqualTo(new Scorer.Component(0, "no IPC field in common (need G06F; listing C02F 1/44)"));
        assertThat(Scorer.ipc(List.of("G06F"), List.of()).detail()).isEqualTo("the listing names no IPC class");
    }

    @Test
    void readinessBelowTheWantedLevelCostsAQuarterPerLevel() {
        assertThat(Scorer.trl(5, 7)).isEqualTo(new Scorer.Component(1, "TRL 7 meets the 5 wanted"));
        assertThat(Scorer.trl(6, 4)).isEqualTo(new Scorer.Component(0.5, "TRL 4 is 2 below the 6 wanted"));
        assertThat(Scorer.trl(9, 3).value()).isZero();
    }

    @Test
    void aDealTheNeedAcceptsInTheTerritoryItNames() {
        List<DealOption> offered = List.of(new DealOption(DealType.NON_EXCLUSIVE_LICENCE, null, "JP"),
                DealOption.of(DealType.ASSIGNMENT));
        List<DealOption> accepted = offered.subList(0, 1);
        assertThat(Scorer.dealType(List.of(DealType.NON_EXCLUSIVE_LICENCE), offered, accepted).value()).isEqualTo(1);
        assertThat(Scorer.dealType(List.of(DealType.EXCLUSIVE_LICENCE), offered, List.of()))
                .isEqualTo(new Scorer.Component(0, "offers [ASSIGNMENT, NON_EXCLUSIVE_LICENCE]; the need accepts [EXCLUSIVE_LICENCE]"));
        assertThat(Scorer.territory("VN", accepted)).isEqualTo(new Scorer.Component(0, "offered only for [JP], not VN"));
        assertThat(Scorer.territory("JP", accepted).value()).isEqualTo(1);
        assertThat(Scorer.territory("VN", offered)).isEqualTo(new Scorer.Component(1, "a deal for any territory covers VN"));
        assertThat(Scorer.territory(null, accepted).value()).isEqualTo(1);
    }

    @Test
    void aPriceWithinTheBudgetScoresFullyAndLessTheFurtherAboveItNeverAcrossCurrencies() {
        Budget budget = Budget.of(new BigDecimal("500000000"), new BigDecimal("2000000000"), null);
        assertThat(Scorer.price(budget, AskingPrice.of(new BigDecimal("1500000000"), "VND")))
                .isEqualTo(new Scorer.Component(1, "asks 1500000000 VND, within the budget of up to 2000000000 VND"));
        assertThat(Scorer.price(budget, AskingPrice.of(new BigDecimal("100000000"), "VND")).value()).as("cheaper is fine").isEqualTo(1);
        assertThat(Scorer.price(budget, AskingPrice.of(new BigDecimal("2500000000"), "VND")))
                .isEqualTo(new Scorer.Component(0.75, "asks 2500000000 VND, 25% over the budget of up to 2000000000 VND"));
        assertThat(Scorer.price(budget, AskingPrice.of(new BigDecimal("4000000000"), "VND")).value()).isZero();
        assertThat(Scorer.price(budget, AskingPrice.onRequestOnly())).isEqualTo(new Scorer.Component(0.5, "price on request"));
        assertThat(Scorer.price(budget, AskingPrice.of(new BigDecimal("80000"), "USD")).value()).isEqualTo(0.5);
        assertThat(Scorer.price(null, AskingPrice.of(BigDecimal.TEN, "VND")).value()).isEqualTo(0.5);
    }

    @Test
    void textIsTheBetterLanguagesCosineOfRarityWeightedTermsShowingTheWordsThatWeighMost() {
        // "nuoc thai" is held by 2 of 10 open items, "det nhuom" by 1, "cong nghe" by all 10: sharing it says nothing
        DocumentFrequencies df = new DocumentFrequencies(10, Map.of("vi:nuoc", 3, "vi:thai", 3, "vi:nuoc thai", 2,
                "vi:det", 1, "vi:nhuom", 1, "vi:det nhuom", 1, "vi:cong", 10, "vi:nghe", 10, "vi:cong nghe", 10));
        TermProfile need = profile("vi:nuoc", "vi:thai", "vi:nuoc thai", "vi:det", "vi:nhuom", "vi:det nhuom", "vi:cong",
                "vi:nghe", "vi:cong nghe");
        TermProfile same = profile("vi:nuoc", "vi:thai", "vi:nuoc thai", "vi:det", "vi:nhuom", "vi:det nhuom");
        TermProfile generic = profile("vi:cong", "vi:nghe", "vi:cong nghe", "vi:nuoc", "vi:thai", "vi:nuoc thai");
        Scorer.Component close = Scorer.text(need, same, df);
        Scorer.Component loose = Scorer.text(need, generic, df);
        assertThat(close.value()).isGreaterThan(0.8).isGreaterThan(loose.value());
        assertThat(close.detail()).startsWith("Vietnamese text, diacritics ignored, ").contains("\"det nhuom\"", "\"nuoc thai\"")
                .doesNotContain("\"det\"");
        TermProfile english = profile("en:wastewat", "en:dye", "en:dye wastewat");
        assertThat(Scorer.text(need, english, df))
                .isEqualTo(new Scorer.Component(0, "no text in a language both have (Vietnamese or English)"));
        TermProfile bilingual = profile("vi:nuoc thai", "en:dye", "en:wastewat", "en:dye wastewat");
        Scorer.Component inEnglish = Scorer.text(profile("en:dye", "en:wastewat", "en:dye wastewat"), bilingual, df);
        assertThat(inEnglish.value()).as("a bilingual listing is not diluted by its other language").isEqualTo(1);
        assertThat(inEnglish.detail()).startsWith("English text 1.00: ");
    }

    @Test
    void theScoreIsTheWeightedSumOfItsReasonsAndNeedsSomethingInCommonToBeAMatch() {
        MatchItem need = new MatchItem(MatchKind.NEED, "n", "firm", true, Facts.ofNeed(new LocalizedText("x", null), null,
                List.of(), List.of("C02F"), 6, List.of(DealType.NON_EXCLUSIVE_LICENCE), "VN",
                Budget.of(null, new BigDecimal("2000000000"), "VND"), false), profile("vi:asen", "vi:loc"));
        MatchItem listing = new MatchItem(MatchKind.LISTING, "l", "uni", true, Facts.ofListing(new LocalizedText("y", null),
                null, List.of(), List.of("C02F 1/28"), 4, List.of(DealOption.of(DealType.NON_EXCLUSIVE_LICENCE)),
                AskingPrice.of(new BigDecimal("1000000000"), "VND")), profile("vi:asen", "vi:loc"));
        MatchScore score = Scorer.score(need, listing, new DocumentFrequencies(2, Map.of("vi:asen", 2, "vi:loc", 2)));
        assertThat(score.reasons()).extracting(MatchReason::kind).containsExactly("TEXT", "IPC", "TRL", "DEAL_TYPE", "TERRITORY", "PRICE");
        assertThat(score.reasons()).extracting(MatchReason::weight).containsExactly(0.4, 0.25, 0.1, 0.1, 0.05, 0.1);
        // text 1, IPC 1, TRL 0.5, deal 1, territory 1, price 1
        assertThat(score.score()).isEqualTo(0.95);
        assertThat(score.isMatch()).isTrue();

        MatchItem elsewhere = new MatchItem(MatchKind.LISTING, "m", "uni", true, Facts.ofListing(new LocalizedText("z", null),
                null, List.of(), List.of("G06F 16/00"), 9, List.of(DealOption.of(DealType.NON_EXCLUSIVE_LICENCE)),
                AskingPrice.of(new BigDecimal("1000000000"), "VND")), profile("vi:phan", "vi:mem"));
        MatchScore unrelated = Scorer.score(need, elsewhere, new DocumentFrequencies(2, Map.of()));
        assertThat(unrelated.score()).as("agreeing on terms only").isEqualTo(0.35);
        assertThat(unrelated.isMatch()).isFalse();
    }

    private static TermProfile profile(String... terms) {
        return new TermProfile(List.of(terms), java.util.Collections.nCopies(terms.length, 1.0f),
                java.util.Arrays.stream(terms).map(t -> t.substring(3)).toList());
    }
}

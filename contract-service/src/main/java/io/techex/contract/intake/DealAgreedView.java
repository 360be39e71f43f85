package io.techex.contract.intake;

import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.DealType;
import io.techex.contract.api.LicenceTerms;
import io.techex.contract.api.Milestone;
import io.techex.contract.api.Money;
import io.techex.contract.api.Royalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What contract-service reads of bidding-service's {@code DealAgreed} v1 (unknown fields ignored). */
record DealAgreedView(String dealId, String listingId, String sellerOrganisationId, String buyerOrganisationId,
                      Terms terms, Source source, Instant agreedAt) {

    /** @param licence for an OPTION: the licence its holder may take (absent for other deals) */
    record Terms(DealType dealType, String fieldOfUse, String territory, Integer termMonths, Price price, Licence licence) {
    }

    record Licence(DealType dealType, Integer termMonths, Price price) {
    }

    record Price(String currency, BigDecimal lumpSum, BigDecimal runningRoyaltyPercent, BigDecimal minimumAnnualRoyalty,
                 List<AgreedMilestone> milestones) {
    }

    record AgreedMilestone(String description, BigDecimal amount) {
    }

    record Source(String kind, String id) {
    }

    /**
     * The contract's first terms. A licence runs {@code termMonths} from the day it takes effect; a royalty is reported
     * quarterly (the deal does not say, and a quarter is the usual period); milestones are numbered in deal order.
     */
    ContractTerms contractTerms() {
        String currency = terms.price().currency();
        // an option's licence is priced in the option's currency: the contract keeps one (TermsCheck refuses others)
        LicenceTerms licenceOnExercise = terms.licence() == null ? null
                : new LicenceTerms(terms.licence().dealType(), terms.licence().termMonths(),
                        lumpSum(terms.licence().price()), royalty(terms.licence().price()), milestones(terms.licence().price()));
        return new ContractTerms(terms.dealType(), terms.fieldOfUse(), terms.territory(), null, null, terms.termMonths(),
                lumpSum(terms.price()), royalty(terms.price()), milestones(terms.price()), null, licenceOnExercise);
    }

    private static Money lumpSum(Price price) {
        return Money.of(price.lumpSum() == null ? BigDecimal.ZERO : price.lumpSum(), price.currency());
    }

    private static Royalty royalty(Price price) {
        return price.runningRoyaltyPercent() == null ? null
                : new Royalty(price.runningRoyaltyPercent(), Royalty.ReportingPeriod.QUARTER,
                        price.minimumAnnualRoyalty() == null ? null : Money.of(price.minimumAnnualRoyalty(), price.currency()));
    }

    private static List<Milestone> milestones(Price price) {
        List<Milestone> milestones = new ArrayList<>();
        List<AgreedMilestone> agreed = price.milestones() == null ? List.of() : price.milestones();
        for (int i = 0; i < agreed.size(); i++) {
            milestones.add(new Milestone("m" + (i + 1), agreed.get(i).description(), null, Money.of(agreed.get(i).amount(), price.currency())));
        }
        return milestones;
    }
}

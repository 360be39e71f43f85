package io.techex.contract.intake;

import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.DealType;
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

    record Terms(DealType dealType, String fieldOfUse, String territory, Integer termMonths, Price price) {
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
        Royalty royalty = terms.price().runningRoyaltyPercent() == null ? null
                : new Royalty(terms.price().runningRoyaltyPercent(), Royalty.ReportingPeriod.QUARTER,
                        terms.price().minimumAnnualRoyalty() == null ? null : Money.of(terms.price().minimumAnnualRoyalty(), currency));
        List<Milestone> milestones = new ArrayList<>();
        List<AgreedMilestone> agreed = terms.price().milestones() == null ? List.of() : terms.price().milestones();
        for (int i = 0; i < agreed.size(); i++) {
            milestones.add(new Milestone("m" + (i + 1), agreed.get(i).description(), null, Money.of(agreed.get(i).amount(), currency)));
        }
        BigDecimal lumpSum = terms.price().lumpSum() == null ? BigDecimal.ZERO : terms.price().lumpSum();
        return new ContractTerms(terms.dealType(), terms.fieldOfUse(), terms.territory(), null, null, terms.termMonths(),
                Money.of(lumpSum, currency), royalty, milestones, null);
    }
}

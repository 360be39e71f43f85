package io.techex.bidding.negotiation;

import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.DealType;
import io.techex.bidding.api.Milestone;
import io.techex.bidding.api.OptionLicence;
import io.techex.bidding.api.Price;
import io.techex.platform.rules.RuleViolation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.regex.Pattern;

/** What makes the terms of an offer well-formed, whoever makes it. */
final class OfferRules {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private OfferRules() {
    }

    static void check(DealTerms terms, Instant validUntil, Instant at) {
        if (terms == null) {
            throw RuleViolation.invalid("terms", "An offer has terms");
        }
        if (terms.dealType() == null) {
            throw RuleViolation.invalid("terms.dealType", "A deal is an ASSIGNMENT, EXCLUSIVE_LICENCE, NON_EXCLUSIVE_LICENCE or OPTION");
        }
        if (terms.territory() != null && !COUNTRY.matcher(terms.territory()).matches()) {
            throw RuleViolation.invalid("terms.territory", "A territory is an ISO 3166-1 alpha-2 country code such as VN");
        }
        if (terms.fieldOfUse() != null && terms.fieldOfUse().isBlank()) {
            throw RuleViolation.invalid("terms.fieldOfUse", "A field of use is named, or left out for any");
        }
        if (terms.dealType() == DealType.ASSIGNMENT) {
            if (terms.termMonths() != null || terms.fieldOfUse() != null || terms.territory() != null) {
                throw RuleViolation.invalid("terms.dealType", "An assignment transfers the whole right for good: no term, field of use or territory");
            }
        } else if (terms.termMonths() == null || terms.termMonths() < 1 || terms.termMonths() > 1200) {
            throw RuleViolation.invalid("terms.termMonths", "A licence runs 1 to 1200 months");
        }
        checkPrice("terms.price", terms.price());
        checkLicence(terms);
        if (validUntil == null || !validUntil.isAfter(at)) {
            throw RuleViolation.invalid("validUntil", "An offer is valid until a time in the future");
        }
    }

    /**
     * An option is paid for by its fee (a lump sum or milestones; royalties are the licence's) and fixes the licence
     * its holder may take, priced in the option's currency; no other deal fixes one.
     */
    private static void checkLicence(DealTerms terms) {
        OptionLicence licence = terms.licence();
        if (terms.dealType() != DealType.OPTION) {
            if (licence != null) {
                throw RuleViolation.invalid("terms.licence", "Only an OPTION fixes a licence to be taken on exercise");
            }
            return;
        }
        if (terms.price().runningRoyaltyPercent() != null || terms.price().minimumAnnualRoyalty() != null) {
            throw RuleViolation.invalid("terms.price", "An option is paid for by its fee; royalties are the licence's");
        }
        if (licence == null) {
            throw RuleViolation.invalid("terms.licence", "An option fixes the licence its holder may take: its type, term and price");
        }
        if (licence.dealType() != DealType.EXCLUSIVE_LICENCE && licence.dealType() != DealType.NON_EXCLUSIVE_LICENCE) {
            throw RuleViolation.invalid("terms.licence.dealType", "An option is exercised into an EXCLUSIVE_LICENCE or a NON_EXCLUSIVE_LICENCE");
        }
        if (licence.termMonths() != null && (licence.termMonths() < 1 || licence.termMonths() > 1200)) {
            throw RuleViolation.invalid("terms.licence.termMonths", "A licence runs 1 to 1200 months, or without end");
        }
        checkPrice("terms.licence.price", licence.price());
        if (!licence.price().currency().equals(terms.price().currency())) {
            throw RuleViolation.invalid("terms.licence.price.currency", "The licence is priced in the option's currency, "
                    + terms.price().currency());
        }
    }

    private static void checkPrice(String field, Price price) {
        if (price == null) {
            throw RuleViolation.invalid(field, "An offer names its price");
        }
        try {
            Currency.getInstance(price.currency());
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid(field + ".currency", "A currency is an ISO 4217 code such as VND, not " + price.currency());
        }
        boolean any = false;
        any |= positive(price.lumpSum(), field + ".lumpSum");
        any |= positive(price.minimumAnnualRoyalty(), field + ".minimumAnnualRoyalty");
        if (price.runningRoyaltyPercent() != null) {
            if (price.runningRoyaltyPercent().signum() <= 0 || price.runningRoyaltyPercent().compareTo(HUNDRED) > 0) {
                throw RuleViolation.invalid(field + ".runningRoyaltyPercent", "A running royalty is more than 0 and at most 100 percent of net sales");
            }
            any = true;
        }
        for (int i = 0; i < price.milestones().size(); i++) {
            Milestone milestone = price.milestones().get(i);
            if (milestone == null || milestone.description() == null || milestone.description().isBlank()) {
                throw RuleViolation.invalid(field + ".milestones[" + i + "].description", "A milestone says when it is due");
            }
            positive(milestone.amount(), field + ".milestones[" + i + "].amount");
            if (milestone.amount() == null) {
                throw RuleViolation.invalid(field + ".milestones[" + i + "].amount", "A milestone has an amount");
            }
            any = true;
        }
        if (!any) {
            throw RuleViolation.invalid(field, "A price has a lump sum, a running royalty, a minimum annual royalty or milestones");
        }
    }

    private static boolean positive(BigDecimal amount, String field) {
        if (amount == null) {
            return false;
        }
        if (amount.signum() <= 0) {
            throw RuleViolation.invalid(field, "An amount is more than zero");
        }
        return true;
    }
}

package io.techex.contract.agreement;

import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.DealType;
import io.techex.contract.api.LicenceTerms;
import io.techex.contract.api.Milestone;
import io.techex.contract.api.Money;
import io.techex.contract.api.Royalty;
import io.techex.platform.rules.RuleViolation;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The rules every version's terms keep; a violation names the field at fault (422). */
public final class TermsCheck {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private TermsCheck() {
    }

    public static void check(ContractTerms terms) {
        if (terms == null || terms.dealType() == null) {
            throw RuleViolation.invalid("terms.dealType", "A contract is an ASSIGNMENT, EXCLUSIVE_LICENCE, NON_EXCLUSIVE_LICENCE or OPTION");
        }
        if (terms.territory() != null && (!COUNTRY.matcher(terms.territory()).matches() || !COUNTRIES.contains(terms.territory()))) {
            throw RuleViolation.invalid("terms.territory", "A territory is an ISO 3166-1 alpha-2 country such as VN, or absent for worldwide");
        }
        if (terms.fieldOfUse() != null && terms.fieldOfUse().isBlank()) {
            throw RuleViolation.invalid("terms.fieldOfUse", "A field of use names the field, or is absent for every field");
        }
        if (terms.dealType() == DealType.ASSIGNMENT && (terms.termEnd() != null || terms.termMonths() != null || terms.fieldOfUse() != null || terms.territory() != null)) {
            throw RuleViolation.invalid("terms.dealType", "An assignment transfers ownership itself: no field of use, territory or end");
        }
        if (terms.termStart() != null && terms.termEnd() != null && terms.termEnd().isBefore(terms.termStart())) {
            throw RuleViolation.invalid("terms.termEnd", "The term ends on or after the day it starts");
        }
        if (terms.termMonths() != null && (terms.termMonths() < 1 || terms.termEnd() != null)) {
            throw RuleViolation.invalid("terms.termMonths", "A term runs at least one month, and is given by months or by an end date, not both");
        }
        money("terms.price", terms.price(), terms.currency());
        if (terms.royalty() != null && terms.dealType() == DealType.ASSIGNMENT) {
            throw RuleViolation.invalid("terms.royalty", "An assignment is paid for in a lump sum and milestones, not royalties");
        }
        if (terms.royalty() != null && terms.dealType() == DealType.OPTION) {
            throw RuleViolation.invalid("terms.royalty", "An option is paid for by its fee (the price); royalties are the licence's");
        }
        royalty("terms.royalty", terms.royalty(), terms.currency());
        milestones("terms.milestones", terms.milestones(), terms.currency());
        option(terms);
    }

    /**
     * An option runs for a period (an end date or months) and fixes the licence its holder may take: exclusive or
     * not, for how long, at what price, all in the option's currency; no other deal fixes one.
     */
    private static void option(ContractTerms terms) {
        LicenceTerms licence = terms.licenceOnExercise();
        if (terms.dealType() != DealType.OPTION) {
            if (licence != null) {
                throw RuleViolation.invalid("terms.licenceOnExercise", "Only an OPTION fixes a licence to be taken on exercise");
            }
            return;
        }
        if (terms.termEnd() == null && terms.termMonths() == null) {
            throw RuleViolation.invalid("terms.termMonths", "An option runs for a period: give its end date or its months");
        }
        if (licence == null) {
            throw RuleViolation.invalid("terms.licenceOnExercise", "An option fixes the terms of the licence its holder may take");
        }
        if (licence.dealType() == null || !licence.dealType().isLicence()) {
            throw RuleViolation.invalid("terms.licenceOnExercise.dealType", "An option is exercised into an EXCLUSIVE_LICENCE or a NON_EXCLUSIVE_LICENCE");
        }
        if (licence.termMonths() != null && licence.termMonths() < 1) {
            throw RuleViolation.invalid("terms.licenceOnExercise.termMonths", "A licence runs at least one month, or without end");
        }
        money("terms.licenceOnExercise.price", licence.price(), terms.currency());
        royalty("terms.licenceOnExercise.royalty", licence.royalty(), terms.currency());
        milestones("terms.licenceOnExercise.milestones", licence.milestones(), terms.currency());
    }

    private static void royalty(String field, Royalty royalty, String currency) {
        if (royalty == null) {
            return;
        }
        BigDecimal rate = royalty.ratePercent();
        if (rate == null || rate.signum() <= 0 || rate.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw RuleViolation.invalid(field + ".ratePercent", "A royalty rate is more than 0 and at most 100 percent");
        }
        if (royalty.period() == null) {
            throw RuleViolation.invalid(field + ".period", "Royalties are reported per MONTH, QUARTER or YEAR");
        }
        if (royalty.minimumPerYear() != null) {
            money(field + ".minimumPerYear", royalty.minimumPerYear(), currency);
        }
    }

    private static void milestones(String field, List<Milestone> milestones, String currency) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < milestones.size(); i++) {
            Milestone milestone = milestones.get(i);
            String at = field + "[" + i + "]";
            if (milestone.milestoneId() == null || milestone.milestoneId().isBlank() || !ids.add(milestone.milestoneId())) {
                throw RuleViolation.invalid(at + ".milestoneId", "Each milestone has its own id");
            }
            if (milestone.description() == null || milestone.description().isBlank()) {
                throw RuleViolation.invalid(at, "A milestone says what is due");
            }
            if (milestone.payment() != null) {
                money(at + ".payment", milestone.payment(), currency);
            }
        }
    }

    /** One currency per contract, so that every amount due adds up exactly. */
    private static void money(String field, Money money, String currency) {
        if (money == null) {
            throw RuleViolation.invalid(field, "An amount is required");
        }
        String problem = money.problem();
        if (problem != null) {
            throw RuleViolation.invalid(field, problem);
        }
        if (!money.currency().equals(currency)) {
            throw RuleViolation.invalid(field, "Every amount of a contract is in its price's currency, " + currency);
        }
    }
}

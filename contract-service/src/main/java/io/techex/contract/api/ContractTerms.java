package io.techex.contract.api;

import jakarta.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * What the parties agree to; a version of the contract document is rendered from these terms.
 *
 * @param fieldOfUse     the field a licence is limited to (free text, compared ignoring case); null: every field
 * @param territory      ISO 3166-1 alpha-2 country a licence is limited to; null: worldwide
 * @param termStart      first day the rights may be exercised; null: the day the contract takes effect
 * @param termEnd        last day of a licence; null: see termMonths (always null for an assignment)
 * @param termMonths     how many months a licence runs from its first day, when the deal set a duration rather than
 *                       an end date; null with termEnd null: no end
 * @param price          the lump sum
 * @param royalty        running royalty; null for none
 * @param milestones     in order
 * @param governingTerms applicable law, dispute resolution and other clauses, as the parties word them
 * @param licenceOnExercise for an OPTION, the licence its holder takes by exercising it (the option's own term is its
 *                       period and its price the option fee); null for every other deal
 */
public record ContractTerms(DealType dealType, @Nullable String fieldOfUse, @Nullable String territory, @Nullable LocalDate termStart,
                            @Nullable LocalDate termEnd, @Nullable Integer termMonths, Money price, @Nullable Royalty royalty, List<Milestone> milestones,
                            @Nullable String governingTerms, @Nullable LicenceTerms licenceOnExercise) {

    public ContractTerms {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }

    /** Terms of any deal but an option, which alone fixes a licence to come. */
    public ContractTerms(DealType dealType, String fieldOfUse, String territory, LocalDate termStart, LocalDate termEnd,
                         Integer termMonths, Money price, Royalty royalty, List<Milestone> milestones, String governingTerms) {
        this(dealType, fieldOfUse, territory, termStart, termEnd, termMonths, price, royalty, milestones, governingTerms, null);
    }

    /** The currency the contract is kept in: its price's. */
    public String currency() {
        return price == null ? Money.DEFAULT_CURRENCY : price.currency();
    }
}

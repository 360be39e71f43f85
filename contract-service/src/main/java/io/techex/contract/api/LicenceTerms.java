package io.techex.contract.api;

import jakarta.annotation.Nullable;

import java.util.List;

/**
 * The licence an option's holder takes by exercising it, fixed when the option is signed. Its field of use and
 * territory are the option's; it runs from the day the licence contract takes effect.
 *
 * @param dealType   EXCLUSIVE_LICENCE or NON_EXCLUSIVE_LICENCE
 * @param termMonths how many months the licence runs; null: no end
 * @param price      the licence's lump sum, in the option's currency
 * @param royalty    running royalty; null for none
 * @param milestones in order
 */
public record LicenceTerms(DealType dealType, @Nullable Integer termMonths, Money price, @Nullable Royalty royalty,
                           List<Milestone> milestones) {

    public LicenceTerms {
        milestones = milestones == null ? List.of() : List.copyOf(milestones);
    }
}

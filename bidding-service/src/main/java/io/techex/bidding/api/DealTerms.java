package io.techex.bidding.api;

import jakarta.annotation.Nullable;

/**
 * What buyer and seller agree on (or, in a negotiation, what one of them offers).
 *
 * @param fieldOfUse for a licence, the field it is limited to; null for any
 * @param territory  for a licence, the ISO 3166-1 alpha-2 country it is limited to; null for any
 * @param termMonths how long a licence (or an option's period) runs; null for an assignment (it is for good)
 * @param price      for an option, its fee
 * @param licence    for an OPTION, the licence its holder may take by exercising it; null for every other deal
 */
public record DealTerms(DealType dealType, @Nullable String fieldOfUse, @Nullable String territory, @Nullable Integer termMonths, Price price,
                        @Nullable OptionLicence licence) {

    /** Terms of any deal but an option. */
    public DealTerms(DealType dealType, String fieldOfUse, String territory, Integer termMonths, Price price) {
        this(dealType, fieldOfUse, territory, termMonths, price, null);
    }

    /**
     * Whether two deals on one listing cannot both be granted: their scopes overlap (a null field or territory is
     * any) and at least one is an assignment or an exclusive licence.
     */
    public boolean conflictsWith(DealType otherType, String otherFieldOfUse, String otherTerritory) {
        if (!dealType.isExclusive() && !otherType.isExclusive()) {
            return false;
        }
        if (dealType == DealType.ASSIGNMENT || otherType == DealType.ASSIGNMENT) {
            return true;
        }
        return overlaps(fieldOfUse, otherFieldOfUse) && overlaps(territory, otherTerritory);
    }

    private static boolean overlaps(String scope, String otherScope) {
        return scope == null || otherScope == null || scope.equalsIgnoreCase(otherScope);
    }
}

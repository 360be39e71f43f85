package io.techex.listing.api;

import jakarta.annotation.Nullable;

/**
 * A deal the seller offers.
 *
 * @param fieldOfUse for a licence, the field it is limited to (free text, e.g. "textile wastewater"); null for any
 * @param territory  for a licence, the ISO 3166-1 alpha-2 country it is limited to (e.g. {@code VN}); null for any
 */
public record DealOption(DealType dealType, @Nullable String fieldOfUse, @Nullable String territory) {

    public static DealOption of(DealType dealType) {
        return new DealOption(dealType, null, null);
    }

    /**
     * Whether {@code deal} is within this offer: the same deal type, and a field of use and territory no wider
     * than offered (an offer for any field or territory covers a narrower one; an offer for Vietnam does not cover
     * the whole world).
     */
    public boolean covers(DealOption deal) {
        return deal != null && dealType == deal.dealType()
                && (fieldOfUse == null || fieldOfUse.equalsIgnoreCase(deal.fieldOfUse() == null ? "" : deal.fieldOfUse()))
                && (territory == null || territory.equalsIgnoreCase(deal.territory() == null ? "" : deal.territory()));
    }
}

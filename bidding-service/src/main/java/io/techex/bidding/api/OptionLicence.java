package io.techex.bidding.api;

import jakarta.annotation.Nullable;

/**
 * The licence an option's holder may take by exercising it, fixed when the option is agreed; it is in the option's
 * field of use and territory, and priced in the option's currency.
 *
 * @param dealType   EXCLUSIVE_LICENCE or NON_EXCLUSIVE_LICENCE
 * @param termMonths how long the licence runs; null for no end
 */
public record OptionLicence(DealType dealType, @Nullable Integer termMonths, Price price) {
}

package io.techex.listing.api;

import jakarta.annotation.Nullable;

/**
 * Research and development a university offers to do for a need.
 *
 * @param description    what it would develop, in Vietnamese, English or both
 * @param durationMonths how long it would take, 1 to 120 months
 * @param cost           what it would cost the firm, an exact amount (VND unless named)
 * @param readinessLevel the TRL it would reach, if it says
 */
public record RndOffer(LocalizedText description, int durationMonths, Money cost, @Nullable Integer readinessLevel) {
}

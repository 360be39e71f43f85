package io.techex.contract.rights;

import jakarta.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;

/**
 * Who holds which rights in an asset on one day.
 *
 * @param owner  the organisation owning it that day: the latest assignee, or the seller that listed it; null when
 *               the listing is unknown here and nothing was assigned
 * @param grants licences and assignments in force that day
 */
public record AssetRights(String listingId, LocalDate on, @Nullable String owner, List<Grant> grants) {
}

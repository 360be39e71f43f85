package io.techex.listing.catalogue;

import io.techex.listing.api.AssetType;
import io.techex.listing.api.LocalizedText;
import jakarta.annotation.Nullable;

import java.time.Instant;

/**
 * A listing as the catalogue read model shows it.
 *
 * @param ownerOrganisationId the seller, until an assignment makes the buyer the owner
 * @param publishedAt         null until first published
 */
public record ListingSummary(String listingId, String sellerOrganisationId, ListingStatus status, int revision,
                             LocalizedText title, LocalizedText summary, AssetType assetType, int readinessLevel,
                             Instant draftedAt, Instant updatedAt, String ownerOrganisationId, @Nullable Instant publishedAt) {
}

package io.techex.listing.search;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealType;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.catalogue.ListingStatus;
import jakarta.annotation.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A listing found.
 *
 * @param askingPrice null while the seller has named none
 * @param publishedAt null if never published
 * @param relevance   how well it matches the text (higher is better); 0 without text
 */
public record SearchHit(String listingId, String sellerOrganisationId, ListingStatus status, LocalizedText title,
                        LocalizedText summary, AssetType assetType, int readinessLevel, List<String> ipcClasses,
                        List<String> keywords, List<DealType> dealTypes, @Nullable AskingPrice askingPrice,
                        @Nullable Instant publishedAt, float relevance) {
}

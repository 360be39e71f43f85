package io.techex.listing.catalogue;

/**
 * Internal: one of the negotiations or the auction a listing was under ended without a deal while others go on, so
 * the listing stays where it is. When the last one ends, {@link ListingReturnedToMarket} follows.
 */
public record ListingDealEnded(String listingId, String dealId, String reason) {
}

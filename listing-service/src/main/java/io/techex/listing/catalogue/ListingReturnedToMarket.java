package io.techex.listing.catalogue;

/**
 * Internal: a negotiation, auction or contract ended without a deal.
 *
 * @param status where the listing is now: PUBLISHED, or LICENSED when it had been licensed before
 */
public record ListingReturnedToMarket(String listingId, String reason, ListingStatus status) {
}

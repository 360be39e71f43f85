package io.techex.listing.catalogue;

/** Internal: bidding-service, which opened the auction, needs no word of it back. */
public record ListingUnderAuction(String listingId, String auctionId) {
}

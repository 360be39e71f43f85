package io.techex.bidding.listing;

/** Bidding's view of {@code ListingUnderContract.v1}: which kind of deal the listing is going under contract for. */
record ListingDealMade(String listingId, Deal deal) {

    record Deal(String dealType) {
    }
}

package io.techex.bidding.listing;

/** Bidding's view of {@code ListingLicensed.v1}: which kind of licence took effect. */
record ListingLicence(String listingId, Licence licence) {

    record Licence(String dealType) {
    }
}

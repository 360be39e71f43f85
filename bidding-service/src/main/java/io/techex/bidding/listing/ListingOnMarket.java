package io.techex.bidding.listing;

import java.util.List;

/**
 * Bidding's own view of listing-service's {@code ListingPublished.v1}: who sells, how (negotiation or auction), and
 * which deals. Written against the contract, not listing-service's classes.
 */
record ListingOnMarket(String listingId, String sellerOrganisationId, String saleMode, List<Deal> dealTypes) {

    record Deal(String dealType, String fieldOfUse, String territory) {
    }
}

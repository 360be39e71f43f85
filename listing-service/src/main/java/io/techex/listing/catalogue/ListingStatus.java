package io.techex.listing.catalogue;

/** Where a listing is in its life on the exchange. */
public enum ListingStatus {
    DRAFT
}

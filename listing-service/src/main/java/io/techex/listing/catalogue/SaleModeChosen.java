package io.techex.listing.catalogue;

import io.techex.listing.api.SaleMode;

/** Internal: the seller chose how the listing will be sold; others learn it from ListingPublished. */
public record SaleModeChosen(String listingId, SaleMode saleMode) {
}

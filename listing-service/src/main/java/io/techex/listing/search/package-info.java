/**
 * Finding listings: a read model of its own ({@code listing_search}, processing group {@code listing-search}) with
 * diacritic-insensitive full text over Vietnamese and English, filters and cursor pagination, queried through
 * {@link io.techex.listing.search.ListingSearch}. Who may see which statuses is the caller's decision.
 */
package io.techex.listing.search;

package io.techex.listing.search;

import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealType;
import io.techex.listing.catalogue.ListingStatus;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to look for. Every filter is optional (null or empty: no filter).
 *
 * @param text                 words to find in titles, summaries and keywords, Vietnamese or English, with or
 *                             without diacritics; all of them must occur
 * @param ipcPrefix            an IPC symbol or its beginning: {@code A61}, {@code A61K}, {@code A61K 36/00}
 * @param price                asking prices within a range in one currency; listings priced on request never match
 * @param statuses             which statuses to show; {@link ListingSearch#MARKET} when empty. The caller decides what
 *                             its user may see
 * @param sellerOrganisationId only this seller's listings (a seller looking through its own)
 * @param privateStatusesOf    the organisation whose own listings alone are found in statuses that are not public
 *                             (before publication, withdrawn); null: anyone's (the operator's and regulators' view)
 * @param limit                hits per page, 1 to {@value ListingSearch#MAX_LIMIT}
 * @param cursor               {@link SearchPage#nextCursor()} of the previous page, null for the first
 */
public record SearchQuery(String text, Set<AssetType> assetTypes, String ipcPrefix, Integer minReadiness,
                          Integer maxReadiness, DealType dealType, PriceRange price, Set<ListingStatus> statuses,
                          String sellerOrganisationId, String privateStatusesOf, Sort sort, int limit, String cursor) {

    public enum Sort {
        /** Best match first (title over keywords over summary); without text, as {@link #NEWEST}. */
        RELEVANCE,
        /** Most recently published first; listings never published come last. */
        NEWEST
    }

    /**
     * Asking prices between two amounts of one currency; no exchange rate is applied.
     *
     * @param min      inclusive lower bound, null for none
     * @param max      inclusive upper bound, null for none
     * @param currency ISO 4217 code, VND when null
     */
    public record PriceRange(BigDecimal min, BigDecimal max, String currency) {
    }

    public SearchQuery {
        assetTypes = assetTypes == null || assetTypes.isEmpty() ? Set.of() : Set.copyOf(assetTypes);
        statuses = statuses == null || statuses.isEmpty() ? ListingSearch.MARKET : Set.copyOf(statuses);
        sort = sort == null ? Sort.RELEVANCE : sort;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same query for the page after {@code page}. */
    public SearchQuery next(SearchPage page) {
        return new SearchQuery(text, assetTypes, ipcPrefix, minReadiness, maxReadiness, dealType, price, statuses,
                sellerOrganisationId, privateStatusesOf, sort, limit, page.nextCursor());
    }

    public static final class Builder {
        private String text;
        private Set<AssetType> assetTypes = Set.of();
        private String ipcPrefix;
        private Integer minReadiness;
        private Integer maxReadiness;
        private DealType dealType;
        private PriceRange price;
        private Set<ListingStatus> statuses = Set.of();
        private String sellerOrganisationId;
        private String privateStatusesOf;
        private Sort sort = Sort.RELEVANCE;
        private int limit = ListingSearch.DEFAULT_LIMIT;
        private String cursor;

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        public Builder assetTypes(AssetType first, AssetType... more) {
            this.assetTypes = EnumSet.of(first, more);
            return this;
        }

        public Builder ipcPrefix(String ipcPrefix) {
            this.ipcPrefix = ipcPrefix;
            return this;
        }

        public Builder readiness(Integer min, Integer max) {
            this.minReadiness = min;
            this.maxReadiness = max;
            return this;
        }

        public Builder dealType(DealType dealType) {
            this.dealType = dealType;
            return this;
        }

        public Builder price(BigDecimal min, BigDecimal max, String currency) {
            this.price = new PriceRange(min, max, currency);
            return this;
        }

        public Builder statuses(ListingStatus first, ListingStatus... more) {
            this.statuses = EnumSet.of(first, more);
            return this;
        }

        public Builder seller(String sellerOrganisationId) {
            this.sellerOrganisationId = sellerOrganisationId;
            return this;
        }

        public Builder privateStatusesOf(String organisationId) {
            this.privateStatusesOf = organisationId;
            return this;
        }

        public Builder sort(Sort sort) {
            this.sort = sort;
            return this;
        }

        public Builder limit(int limit) {
            this.limit = limit;
            return this;
        }

        public Builder cursor(String cursor) {
            this.cursor = cursor;
            return this;
        }

        public SearchQuery build() {
            return new SearchQuery(text, assetTypes, ipcPrefix, minReadiness, maxReadiness, dealType, price, statuses,
                    sellerOrganisationId, privateStatusesOf, sort, limit, cursor);
        }
    }
}

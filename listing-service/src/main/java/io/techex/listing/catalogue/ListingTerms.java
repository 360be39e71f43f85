package io.techex.listing.catalogue;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.IpTitle;
import io.techex.listing.api.RegulatoryCategory;
import io.techex.listing.api.SaleMode;

import java.util.List;
import java.util.Set;

/**
 * What a listing offers beyond its {@link ListingSummary}, as the catalogue keeps it ({@code listing_terms}).
 *
 * @param saleMode           null until the seller chooses
 * @param ownershipRejection the operator's reason while the listing's ownership stands rejected; null otherwise
 * @param coOwnerConsents    co-owners that consented to the current revision
 */
public record ListingTerms(List<IpTitle> ipTitles, List<String> ipcClasses, List<String> keywords,
                           List<DealOption> dealTypes, AskingPrice askingPrice, RegulatoryCategory regulatoryCategory,
                           boolean stateFunded, SaleMode saleMode, String ownershipRejection,
                           Set<String> coOwnerConsents) {

    /** The part the seller writes, as stored in {@code listing_terms.terms}. */
    record Written(List<IpTitle> ipTitles, List<String> ipcClasses, List<String> keywords, List<DealOption> dealTypes,
                   AskingPrice askingPrice, RegulatoryCategory regulatoryCategory, boolean stateFunded) {

        static Written of(ListingContent content) {
            return new Written(content.ipTitles(), content.ipcClasses(), content.keywords(), content.dealTypes(),
                    content.askingPrice(), content.regulatoryCategory(), content.stateFunded());
        }
    }
}

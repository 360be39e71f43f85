package io.techex.listing.catalogue;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.IpTitle;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.RegulatoryCategory;
import io.techex.listing.api.SaleMode;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One listing as {@code GET /listings/{id}} answers: its {@link ListingSummary} and its {@link ListingTerms}, for a
 * listing page and the seller's edit form.
 *
 * @param ownershipRejection the operator's reason while the ownership stands rejected, shown to the seller so that
 *                           it can put it right; null for anyone else and otherwise
 */
public record ListingView(String listingId, String sellerOrganisationId, ListingStatus status, int revision,
                          LocalizedText title, LocalizedText summary, AssetType assetType, int readinessLevel,
                          Instant draftedAt, Instant updatedAt, String ownerOrganisationId, Instant publishedAt,
                          List<IpTitle> ipTitles, List<String> ipcClasses, List<String> keywords,
                          List<DealOption> dealTypes, AskingPrice askingPrice, RegulatoryCategory regulatoryCategory,
                          boolean stateFunded, SaleMode saleMode, String ownershipRejection,
                          Set<String> coOwnerConsents) {

    static ListingView of(ListingSummary s, ListingTerms t, boolean showsPrivateParts) {
        return new ListingView(s.listingId(), s.sellerOrganisationId(), s.status(), s.revision(), s.title(), s.summary(),
                s.assetType(), s.readinessLevel(), s.draftedAt(), s.updatedAt(), s.ownerOrganisationId(),
                s.publishedAt(), t.ipTitles(), t.ipcClasses(), t.keywords(), t.dealTypes(), t.askingPrice(),
                t.regulatoryCategory(), t.stateFunded(), t.saleMode(),
                showsPrivateParts ? t.ownershipRejection() : null, showsPrivateParts ? t.coOwnerConsents() : Set.of());
    }
}

package io.techex.listing.details;

import io.swagger.v3.oas.annotations.media.Schema;
import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.IpTitle;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.RegulatoryCategory;
import io.techex.listing.api.SaleMode;
import io.techex.listing.catalogue.ListingContent;
import io.techex.listing.catalogue.ListingContentProjection;
import io.techex.listing.catalogue.ListingStatus;
import io.techex.listing.catalogue.ListingSummary;
import io.techex.listing.document.DocumentView;
import jakarta.annotation.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A listing as a reader who may see it gets it: all that a firm needs to judge the technology (no less than a search
 * hit shows), and where the listing stands.
 *
 * @param ownerOrganisationId the seller, until an assignment makes the buyer the owner
 * @param ipcClasses          International Patent Classification symbols
 * @param dealTypes           the deals the seller offers, with their field of use and territory
 * @param askingPrice         null until the seller names one
 * @param regulatoryCategory  where the technology stands under the Law on Technology Transfer 2017; null until named
 * @param saleMode            negotiation or auction; null until the seller chose
 * @param documents           the documents the caller may read: public ones, and confidential ones for its seller, the
 *                            operator and firms whose NDA the seller accepted
 * @param publishedAt         null until first published
 * @param ownershipRejection  the operator's reason while the ownership stands rejected, for the seller to put it right;
 *                            shown to the seller, the operator and regulators only, null otherwise
 * @param coOwnerConsents     the co-owners that consented to the current revision; for the seller, the operator and
 *                            regulators only, empty for anyone else
 */
@Schema(name = "Listing")
public record ListingDetails(String listingId, String sellerOrganisationId, String ownerOrganisationId,
                             ListingStatus status, int revision, LocalizedText title, LocalizedText summary,
                             AssetType assetType,
                             @Schema(description = "Technology readiness level, 1 to 9") int readinessLevel,
                             List<IpTitle> ipTitles, List<String> ipcClasses, List<String> keywords,
                             List<DealOption> dealTypes, @Nullable AskingPrice askingPrice,
                             @Nullable RegulatoryCategory regulatoryCategory, boolean stateFunded,
                             @Nullable SaleMode saleMode, List<DocumentView> documents, Instant draftedAt,
                             Instant updatedAt, @Nullable Instant publishedAt, @Nullable String ownershipRejection,
                             Set<String> coOwnerConsents) {

    static ListingDetails of(ListingSummary listing, ListingContentProjection.Listed listed, List<DocumentView> documents,
                             boolean showsPrivateParts) {
        // the summary and the content are written in one transaction; without content (never, once replayed) the
        // listing still shows what the summary has
        ListingContent content = listed != null ? listed.content()
                : ListingContent.basic(listing.title(), listing.summary(), listing.assetType(), listing.readinessLevel());
        return new ListingDetails(listing.listingId(), listing.sellerOrganisationId(), listing.ownerOrganisationId(),
                listing.status(), listing.revision(), listing.title(), listing.summary(), listing.assetType(),
                listing.readinessLevel(), content.ipTitles(), content.ipcClasses(), content.keywords(),
                content.dealTypes(), content.askingPrice(), content.regulatoryCategory(), content.stateFunded(),
                listed == null ? null : listed.saleMode(), documents, listing.draftedAt(), listing.updatedAt(),
                listing.publishedAt(), showsPrivateParts && listed != null ? listed.ownershipRejection() : null,
                showsPrivateParts && listed != null ? listed.coOwnerConsents() : Set.of());
    }
}

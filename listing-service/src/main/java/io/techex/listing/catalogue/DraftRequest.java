package io.techex.listing.catalogue;

import io.techex.listing.api.AskingPrice;
import io.techex.listing.api.AssetType;
import io.techex.listing.api.DealOption;
import io.techex.listing.api.IpTitle;
import io.techex.listing.api.LocalizedText;
import io.techex.listing.api.RegulatoryCategory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * The body of {@code POST /listings} and {@code PUT /listings/{id}/draft}. Title, summary, asset type and readiness
 * are required; the rest may be filled in over several revisions, and the listing checks it (422 naming the field).
 */
public record DraftRequest(
        @NotNull @Valid Text title,
        @NotNull @Valid Summary summary,
        @NotNull AssetType assetType,
        @NotNull @Min(1) @Max(9) Integer readinessLevel,
        List<IpTitle> ipTitles,
        List<String> ipcClasses,
        List<String> keywords,
        List<DealOption> dealTypes,
        Price askingPrice,
        RegulatoryCategory regulatoryCategory,
        Boolean stateFunded) {

    /** A title: Vietnamese required, English optional. */
    public record Text(@NotBlank @Size(max = 300) String vi, @Size(min = 1, max = 300) String en) {
        LocalizedText toLocalized() {
            return new LocalizedText(vi.strip(), en == null ? null : en.strip());
        }
    }

    /** A summary: Vietnamese required, English optional. */
    public record Summary(@NotBlank @Size(max = 5000) String vi, @Size(min = 1, max = 5000) String en) {
        LocalizedText toLocalized() {
            return new LocalizedText(vi.strip(), en == null ? null : en.strip());
        }
    }

    /** An exact amount (currency VND unless named), or {@code {"onRequest": true}}. */
    public record Price(BigDecimal amount, String currency, Boolean onRequest) {
        AskingPrice toAskingPrice() {
            // on request with an amount as well is contradictory: passed on as it is, for the listing to refuse
            return Boolean.TRUE.equals(onRequest) ? new AskingPrice(amount, currency, true) : AskingPrice.of(amount, currency);
        }
    }

    DraftListing toDraft(String listingId, String sellerOrganisationId) {
        return new DraftListing(listingId, sellerOrganisationId, content());
    }

    ReviseDraft toRevision(String listingId, String organisationId) {
        return new ReviseDraft(listingId, organisationId, content());
    }

    private ListingContent content() {
        return new ListingContent(title.toLocalized(), summary.toLocalized(), assetType, readinessLevel, ipTitles,
                ipcClasses, keywords, dealTypes, askingPrice == null ? null : askingPrice.toAskingPrice(),
                regulatoryCategory, Boolean.TRUE.equals(stateFunded));
    }
}

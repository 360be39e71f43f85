package io.techex.listing.catalogue;

import io.techex.listing.api.AssetType;
import io.techex.listing.api.LocalizedText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /listings} and {@code PUT /listings/{id}/draft}. */
public record DraftRequest(
        @NotNull @Valid Text title,
        @NotNull @Valid Summary summary,
        @NotNull AssetType assetType,
        @NotNull @Min(1) @Max(9) Integer readinessLevel) {

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

    DraftListing toDraft(String listingId, String sellerOrganisationId) {
        return new DraftListing(listingId, sellerOrganisationId, title.toLocalized(), summary.toLocalized(),
                assetType, readinessLevel);
    }

    ReviseDraft toRevision(String listingId, String organisationId) {
        return new ReviseDraft(listingId, organisationId, title.toLocalized(), summary.toLocalized(),
                assetType, readinessLevel);
    }
}

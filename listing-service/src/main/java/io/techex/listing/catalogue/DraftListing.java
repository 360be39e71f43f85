package io.techex.listing.catalogue;

import io.techex.listing.api.AssetType;
import io.techex.listing.api.LocalizedText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Create a listing in draft, owned by the seller organisation of the person drafting it. */
public record DraftListing(@TargetAggregateIdentifier String listingId, String sellerOrganisationId,
                           ListingContent content) {

    public DraftListing(String listingId, String sellerOrganisationId, LocalizedText title, LocalizedText summary,
                        AssetType assetType, int readinessLevel) {
        this(listingId, sellerOrganisationId, ListingContent.basic(title, summary, assetType, readinessLevel));
    }
}

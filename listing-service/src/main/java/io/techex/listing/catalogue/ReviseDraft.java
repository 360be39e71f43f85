package io.techex.listing.catalogue;

import io.techex.listing.api.AssetType;
import io.techex.listing.api.LocalizedText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replace a draft's content; only the seller organisation may, and only while it is a draft or its ownership was
 * rejected (which makes it a draft again).
 */
public record ReviseDraft(@TargetAggregateIdentifier String listingId, String organisationId, ListingContent content) {

    public ReviseDraft(String listingId, String organisationId, LocalizedText title, LocalizedText summary,
                       AssetType assetType, int readinessLevel) {
        this(listingId, organisationId, ListingContent.basic(title, summary, assetType, readinessLevel));
    }
}

package io.techex.listing.catalogue;

import io.techex.listing.api.AssetType;
import io.techex.listing.api.LocalizedText;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replace a draft's content; only the seller organisation may, and only while it is a draft. */
public record ReviseDraft(@TargetAggregateIdentifier String listingId, String organisationId,
                          LocalizedText title, LocalizedText summary, AssetType assetType, int readinessLevel) {
}

package io.techex.listing.catalogue;

import io.techex.listing.api.SaleMode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller decides, any time before publishing, whether buyers negotiate or bid. */
public record ChooseSaleMode(@TargetAggregateIdentifier String listingId, String organisationId, SaleMode saleMode) {
}

package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller asks the operator to verify its ownership; the listing must be complete. */
public record SubmitListing(@TargetAggregateIdentifier String listingId, String organisationId) {
}

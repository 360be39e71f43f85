package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller removes a document it attached. */
public record RemoveDocument(@TargetAggregateIdentifier String listingId, String organisationId, String documentId) {
}

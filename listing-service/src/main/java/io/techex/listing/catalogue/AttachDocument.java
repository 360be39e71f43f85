package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller attaches a document already stored by the HTTP layer (evidence of ownership, a datasheet...). */
public record AttachDocument(@TargetAggregateIdentifier String listingId, String organisationId, ListingDocument document) {
}

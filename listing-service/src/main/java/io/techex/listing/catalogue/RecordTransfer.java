package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The assignment contract the listing is under took effect (sent on contract-service's events). */
public record RecordTransfer(@TargetAggregateIdentifier String listingId, String contractId) {
}

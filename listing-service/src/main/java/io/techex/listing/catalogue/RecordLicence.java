package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The licence contract the listing is under took effect (sent on contract-service's events). */
public record RecordLicence(@TargetAggregateIdentifier String listingId, String contractId) {
}

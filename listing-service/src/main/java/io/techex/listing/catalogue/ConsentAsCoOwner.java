package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A registered co-owner of a listed IP title agrees to the listing as it now stands. */
public record ConsentAsCoOwner(@TargetAggregateIdentifier String listingId, String organisationId) {
}

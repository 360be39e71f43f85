package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller takes its listing off the exchange for good. */
public record WithdrawListing(@TargetAggregateIdentifier String listingId, String organisationId, String reason) {
}

package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The operator could not confirm the seller's ownership, and says why. */
public record RejectOwnership(@TargetAggregateIdentifier String listingId, String reason) {
}

package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The operator confirms the seller may offer the listed IP (the HTTP layer checks the operator role). */
public record VerifyOwnership(@TargetAggregateIdentifier String listingId) {
}

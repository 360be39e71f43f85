package io.techex.listing.disclosure;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller accepts the firm's NDA: the firm may read the listing's confidential documents from now on. */
public record AcceptNda(@TargetAggregateIdentifier String ndaId, String organisationId) {
}

package io.techex.listing.disclosure;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller declines the firm's NDA request, saying why; the firm may ask again. */
public record DeclineNda(@TargetAggregateIdentifier String ndaId, String organisationId, String reason) {
}

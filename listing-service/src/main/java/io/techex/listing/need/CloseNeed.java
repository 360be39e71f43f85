package io.techex.listing.need;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The owner closes its published need; {@code reason} is optional. */
public record CloseNeed(@TargetAggregateIdentifier String needId, String organisationId, String reason) {
}

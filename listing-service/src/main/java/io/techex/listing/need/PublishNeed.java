package io.techex.listing.need;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The owner puts its draft on the market at {@code at}. */
public record PublishNeed(@TargetAggregateIdentifier String needId, String organisationId, Instant at) {
}

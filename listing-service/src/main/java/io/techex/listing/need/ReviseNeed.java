package io.techex.listing.need;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The owner replaces a draft's or a published need's content; a published need's is judged complete at {@code at}. */
public record ReviseNeed(@TargetAggregateIdentifier String needId, String organisationId, NeedContent content, Instant at) {
}

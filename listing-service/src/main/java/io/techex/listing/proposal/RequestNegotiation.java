package io.techex.listing.proposal;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The need's owner wants to negotiate a deal on the listing a proposal names. */
public record RequestNegotiation(@TargetAggregateIdentifier String proposalId, String organisationId, Instant at) {
}

package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A buyer's offer on a listing sold by negotiation is being negotiated (sent on bidding-service's events). */
public record MarkUnderNegotiation(@TargetAggregateIdentifier String listingId, String negotiationId) {
}

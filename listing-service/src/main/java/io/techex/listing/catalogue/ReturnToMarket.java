package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A negotiation or auction ended without a deal, or a contract fell through: the listing is open for deals again
 * (sent on bidding-service's and contract-service's events).
 */
public record ReturnToMarket(@TargetAggregateIdentifier String listingId, String reason) {
}

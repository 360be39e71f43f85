package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An auction on a listing sold by auction opened (sent on bidding-service's events). */
public record MarkUnderAuction(@TargetAggregateIdentifier String listingId, String auctionId) {
}

package io.techex.bidding.sealed;

import io.techex.bidding.api.DealType;
import io.techex.bidding.auction.AuctionTerms;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * A seller puts its listing up for a sealed-bid auction: bids are committed from {@code startsAt} until
 * {@code bidsDueAt}, revealed from then until {@code endsAt}, when the auction closes.
 *
 * @param availableDealTypes what the listing offers now (from listing-service's events)
 * @param reservePrice       the least the seller accepts, hidden from everyone else; null for none
 */
public record ScheduleSealedBidAuction(@TargetAggregateIdentifier String auctionId, String listingId,
                                       String sellerOrganisationId, Set<DealType> availableDealTypes,
                                       AuctionTerms terms, String currency, BigDecimal reservePrice, Instant startsAt,
                                       Instant bidsDueAt, Instant endsAt, Instant at) {
}

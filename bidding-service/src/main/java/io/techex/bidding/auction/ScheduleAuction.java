package io.techex.bidding.auction;

import io.techex.bidding.api.DealType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/**
 * A seller puts its listing up for an English auction.
 *
 * @param availableDealTypes what the listing offers now (from listing-service's events)
 * @param reservePrice       hidden from bidders; null for none
 * @param softCloseMinutes   a bid in the last N minutes moves the end to N minutes after it; 0 for none
 */
public record ScheduleAuction(@TargetAggregateIdentifier String auctionId, String listingId, String sellerOrganisationId,
                              Set<DealType> availableDealTypes, AuctionTerms terms, String currency,
                              BigDecimal startingPrice, BigDecimal reservePrice, BigDecimal minimumIncrement,
                              Instant startsAt, Instant endsAt, int softCloseMinutes, Instant at) {
}

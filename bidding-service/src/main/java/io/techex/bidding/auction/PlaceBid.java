package io.techex.bidding.auction;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A firm bids; binding once accepted.
 *
 * @param bidId the same id twice is one bid (a retry), answered as the first time
 */
public record PlaceBid(@TargetAggregateIdentifier String auctionId, String bidId, String bidderOrganisationId,
                       BigDecimal amount, String currency, Instant at) {
}

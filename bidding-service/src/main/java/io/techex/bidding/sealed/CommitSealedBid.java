package io.techex.bidding.sealed;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * A firm commits its sealed bid: only the hash ({@link SealedBidCommitment}), never the amount.
 *
 * @param bidId the same id twice is one commitment (a retry), answered as the first time
 */
public record CommitSealedBid(@TargetAggregateIdentifier String auctionId, String bidId, String bidderOrganisationId,
                              String commitment, Instant at) {
}

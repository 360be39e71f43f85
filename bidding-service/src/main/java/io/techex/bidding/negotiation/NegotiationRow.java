package io.techex.bidding.negotiation;

import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.Party;

import java.time.Instant;

/**
 * A negotiation as its projection keeps it ({@code negotiation_view}).
 *
 * @param offerBy the party whose offer is on the table; the other answers it
 */
public record NegotiationRow(String negotiationId, String listingId, String sellerOrganisationId,
                             String buyerOrganisationId, NegotiationStatus status, int round, Party offerBy,
                             DealTerms terms, Instant validUntil, String closedReason) {
}

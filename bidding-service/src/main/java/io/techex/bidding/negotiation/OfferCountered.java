package io.techex.bidding.negotiation;

import io.techex.bidding.api.DealTerms;

import java.time.Instant;

/** One party answered the other's offer with its own: the next round. */
public record OfferCountered(String negotiationId, int round, Party by, DealTerms terms, Instant validUntil,
                             Instant madeAt) {
}

package io.techex.bidding.negotiation;

import io.techex.bidding.api.Party;

import java.time.Instant;

/** The offer of {@code round} was rejected by {@code by}; the negotiation is over. */
public record OfferRejected(String negotiationId, int round, Party by, String reason, Instant rejectedAt) {
}

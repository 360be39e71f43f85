package io.techex.bidding.negotiation;

import io.techex.bidding.api.Party;

import java.time.Instant;

/** The offer of {@code round} was accepted by {@code by}; a {@code DealAgreed} follows. */
public record OfferAccepted(String negotiationId, int round, Party by, Instant acceptedAt) {
}

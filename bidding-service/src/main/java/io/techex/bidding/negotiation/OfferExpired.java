package io.techex.bidding.negotiation;

import java.time.Instant;

/** Nobody answered the offer of {@code round} before its deadline; the negotiation is over. */
public record OfferExpired(String negotiationId, int round, Instant validUntil) {
}

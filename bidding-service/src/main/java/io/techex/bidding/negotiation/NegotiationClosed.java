package io.techex.bidding.negotiation;

/** The exchange ended the negotiation, for {@code reason}. */
public record NegotiationClosed(String negotiationId, String reason) {
}

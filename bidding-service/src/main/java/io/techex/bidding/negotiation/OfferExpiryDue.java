package io.techex.bidding.negotiation;

/** Deadline payload: the offer of {@code round} reached its deadline. */
public record OfferExpiryDue(int round) {
}

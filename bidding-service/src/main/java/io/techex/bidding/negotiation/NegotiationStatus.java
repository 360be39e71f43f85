package io.techex.bidding.negotiation;

/** OPEN while an offer awaits its answer; every other status is final. */
public enum NegotiationStatus { OPEN, AGREED, REJECTED, EXPIRED, CLOSED }

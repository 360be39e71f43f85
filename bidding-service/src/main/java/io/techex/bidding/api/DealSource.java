package io.techex.bidding.api;

/** Where a deal came from: the negotiation or the auction, by its id in bidding-service. */
public record DealSource(Kind kind, String id) {

    public enum Kind { NEGOTIATION, ENGLISH_AUCTION, SEALED_BID_AUCTION }
}

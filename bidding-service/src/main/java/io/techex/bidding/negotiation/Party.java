package io.techex.bidding.negotiation;

/** The two sides of a negotiation. */
public enum Party {
    BUYER, SELLER;

    Party other() {
        return this == BUYER ? SELLER : BUYER;
    }
}

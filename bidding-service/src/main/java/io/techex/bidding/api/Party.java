package io.techex.bidding.api;

/** The two sides of a negotiation: who made an offer or a counter-offer ({@link OfferCountered#by()}). */
public enum Party {
    BUYER, SELLER
}

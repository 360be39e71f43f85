package io.techex.bidding.sealed;

/** Deadline payload: the reveal phase of a sealed-bid auction is over. */
public record SealedBidAuctionEndDue() {
}

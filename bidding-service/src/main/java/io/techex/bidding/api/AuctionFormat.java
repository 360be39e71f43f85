package io.techex.bidding.api;

/** How an auction runs: open ascending bids, or sealed bids committed as hashes and revealed after the bid deadline. */
public enum AuctionFormat { ENGLISH, SEALED_BID }

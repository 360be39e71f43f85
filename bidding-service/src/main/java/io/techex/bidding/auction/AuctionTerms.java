package io.techex.bidding.auction;

import io.techex.bidding.api.DealType;

/** The deal the winner gets, set by the seller; the winning bid is its lump-sum price. */
public record AuctionTerms(DealType dealType, String fieldOfUse, String territory, Integer termMonths) {
}

package io.techex.bidding.listing;

/**
 * Bidding stopped on a listing for good (withdrawn, transferred, under an exclusive contract or licence): the features
 * that hold open offers or auctions on it end them. Called in the consumer's transaction, so it must be idempotent.
 */
public interface BiddingStopped {

    void onBiddingStopped(String listingId, String reason);
}

package io.techex.bidding.auction;

import java.util.Optional;

/**
 * What each request that placed a bid or set a maximum in an English auction was answered, by the request's bid id,
 * so that a retry is answered as the request was the first time, however many bids came since. Kept beside the
 * auction, not in it: an auction that held every answer grew with each accepted bid, and so did each of its snapshots
 * (a snapshot every 50 events, of about 210 bytes of JSON per bid: 528 KB at 2,504 events), which made a bid's cost
 * grow with its auction's history.
 *
 * <p>The auction asks before it judges a bid (a retry of an old bid would otherwise be too low by now) and records
 * the answer in the transaction that stores the bid's events, under the auction's lock.
 */
interface BidAnswers {

    Optional<PlacedBid> find(String auctionId, String bidId);

    /**
     * @throws org.axonframework.modelling.command.ConcurrencyException when the bid id was answered meanwhile: another
     *                                                                  instance took the same request at the same time
     */
    void record(String auctionId, PlacedBid answer);
}

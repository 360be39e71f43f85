package io.techex.bidding.auction;

/**
 * What the auction projections (English and sealed-bid) tell when an auction's read model changed, in their
 * event-handling transaction; the live boards ({@code board.LiveBoards}) follow it. An interface, so that the
 * projections do not depend on the boards built from them: {@code board} depends on the auctions, never the reverse.
 */
public interface AuctionViewChanges {

    void changed(String auctionId);
}

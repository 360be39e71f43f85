package io.techex.bidding.sealed;

import io.techex.bidding.listing.BiddingStopped;
import io.techex.platform.actor.ActingCommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * A listing that stops taking deals (withdrawn, transferred, under an exclusive contract or licence) ends its sealed-bid
 * auctions that have not closed, without sale; the exchange itself does so. Called by the listing events' consumer in
 * its transaction, once per listing event; cancelling is idempotent in the auction.
 */
@Component
class SealedBidAuctionPolicy implements BiddingStopped {

    private final SealedBidAuctionViews auctions;
    private final ActingCommandGateway commands;
    private final Clock clock;

    SealedBidAuctionPolicy(SealedBidAuctionViews auctions, ActingCommandGateway commands, Clock clock) {
        this.auctions = auctions;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void onBiddingStopped(String listingId, String reason) {
        auctions.runningOn(listingId).forEach(auctionId ->
                commands.sendAsSystem(new CancelSealedBidAuction(auctionId, reason, clock.instant())));
    }
}

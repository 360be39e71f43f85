package io.techex.bidding.auction;

import io.techex.bidding.listing.BiddingStopped;
import io.techex.platform.actor.ActingCommandGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * A listing that stops taking deals (withdrawn, transferred, under an exclusive contract or licence) ends its English
 * auctions that have not closed, without sale; the exchange itself does so. Called by the listing events' consumer in
 * its transaction, once per listing event; cancelling is idempotent in the auction.
 */
@Component
class AuctionPolicy implements BiddingStopped {

    private final AuctionViews auctions;
    private final ActingCommandGateway commands;
    private final Clock clock;

    AuctionPolicy(AuctionViews auctions, ActingCommandGateway commands, Clock clock) {
        this.auctions = auctions;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public void onBiddingStopped(String listingId, String reason) {
        auctions.runningOn(listingId).forEach(auctionId ->
                commands.sendAsSystem(new CancelAuction(auctionId, reason, clock.instant())));
    }
}

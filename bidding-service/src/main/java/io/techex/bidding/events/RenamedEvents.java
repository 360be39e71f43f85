package io.techex.bidding.events;

import io.techex.bidding.api.AuctionClosedWithoutSale;
import io.techex.bidding.api.AuctionExtended;
import io.techex.bidding.api.BidPlaced;
import io.techex.bidding.api.OfferCountered;
import io.techex.bidding.api.OfferMade;
import io.techex.bidding.api.SealedBidCommitted;
import io.techex.bidding.api.SealedBidRevealed;
import io.techex.bidding.api.SealedBidVoided;
import io.techex.bidding.auction.EnglishAuctionScheduled;
import io.techex.platform.axon.RenamedEventUpcaster;
import org.springframework.stereotype.Component;

import java.util.Map;

import static java.util.Map.entry;

/**
 * bidding-service's events stored under a class name that has since changed, read as the class they are now (see
 * {@link RenamedEventUpcaster}):
 * <ul>
 *   <li>{@code auction.AuctionScheduled} became {@code EnglishAuctionScheduled} when the exchange-wide
 *       {@code api.AuctionScheduled} (without the reserve) was introduced for both auction formats;</li>
 *   <li>the public events that had been written beside their aggregates moved into {@code api}, where public events
 *       live; their CloudEvent types did not change.</li>
 * </ul>
 * Pending deadlines ({@code scheduled_tasks}) name classes as well, their payload's and their aggregate's, which this
 * does not reach; none of those moved ({@code MovedEventsTest} checks every pending deadline's names).
 */
@Component
public class RenamedEvents extends RenamedEventUpcaster {

    public RenamedEvents() {
        super(Map.ofEntries(
                entry("io.techex.bidding.auction.AuctionScheduled", EnglishAuctionScheduled.class),
                entry("io.techex.bidding.auction.AuctionClosedWithoutSale", AuctionClosedWithoutSale.class),
                entry("io.techex.bidding.auction.AuctionExtended", AuctionExtended.class),
                entry("io.techex.bidding.auction.BidPlaced", BidPlaced.class),
                entry("io.techex.bidding.negotiation.OfferCountered", OfferCountered.class),
                entry("io.techex.bidding.negotiation.OfferMade", OfferMade.class),
                entry("io.techex.bidding.sealed.SealedBidCommitted", SealedBidCommitted.class),
                entry("io.techex.bidding.sealed.SealedBidRevealed", SealedBidRevealed.class),
                entry("io.techex.bidding.sealed.SealedBidVoided", SealedBidVoided.class)));
    }
}

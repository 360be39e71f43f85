package io.techex.bidding.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * A seller put a listing up for auction: from {@code startsAt} the listing is under auction, and at {@code endsAt} its
 * outcome is known: a {@link DealAgreed} (source: the auction) or an {@code AuctionClosedWithoutSale}. An English
 * auction's end may move later by {@code AuctionExtended} (soft close). What a seller keeps from bidders stays out:
 * the reserve is in the auction's own (private) scheduling event only.
 *
 * @param bidsDueAt a sealed-bid auction's commit deadline, after which bids are revealed until {@code endsAt};
 *                  absent for an English auction
 */
@EventType(name = "io.techex.bidding.AuctionScheduled", version = 1)
public record AuctionScheduled(String auctionId, String listingId, String sellerOrganisationId, AuctionFormat format,
                               DealType dealType, String currency, Instant startsAt, Instant bidsDueAt,
                               Instant endsAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

package io.techex.bidding.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * A firm committed a sealed bid: its hash, binding from now on, and no amount. Public for the regulators' trail, where
 * the tamper-evident log proves the commitment existed before the bid deadline; once revealed anyone holding the
 * trail can recompute it. {@code commitNumber} counts the auction's commitments from 1 and breaks ties between equal
 * revealed amounts (the earlier commitment wins).
 */
@EventType(name = "io.techex.bidding.SealedBidCommitted", version = 1)
public record SealedBidCommitted(String auctionId, String listingId, String bidId, String bidderOrganisationId,
                                 String commitment, int commitNumber, Instant committedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

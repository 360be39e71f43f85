package io.techex.bidding.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * A negotiation ended without a deal; once none is left open on a listing (and no auction runs), the listing is back
 * on the market as before. A negotiation that ends in a deal ends with {@link DealAgreed} instead. Like
 * {@link NegotiationOpened} it names no buyer and no terms, and it leaves out a rejection's reason, which is one
 * party's message to the other.
 *
 * @param outcome REJECTED by a party, EXPIRED (the offer on the table was not answered in time), or CLOSED by the
 *                exchange (a conflicting deal was agreed, or the listing stopped taking deals)
 */
@EventType(name = "io.techex.bidding.NegotiationEnded", version = 1)
public record NegotiationEnded(String negotiationId, String listingId, Outcome outcome, Instant endedAt)
        implements PublicEvent {

    public enum Outcome { REJECTED, EXPIRED, CLOSED }

    @Override
    public String assetId() {
        return listingId;
    }
}

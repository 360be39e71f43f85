package io.techex.bidding.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * One party answered the other's offer with its own: the next round. Public for the regulators' trail and as
 * confidential as {@link OfferMade}: a counter-offer binds whoever makes it until {@code validUntil}.
 */
@EventType(name = "io.techex.bidding.OfferCountered", version = 1)
public record OfferCountered(String negotiationId, String listingId, int round, Party by, DealTerms terms,
                             Instant validUntil, Instant madeAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

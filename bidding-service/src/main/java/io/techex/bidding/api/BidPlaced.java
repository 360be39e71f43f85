package io.techex.bidding.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A bid was accepted; {@code bidNumber} counts the auction's accepted bids from 1, in the order they were accepted.
 *
 * <p>Public, with the bidder and the amount, because a bid is binding and the regulators' trail must hold every bid
 * (audit-service records every public event). Nothing here is secret: an English auction shows its current price to
 * everyone, and neither the reserve nor any bidder's maximum is in it. Market views should show the price and the
 * count, not who bid: that is for the trail, which only regulators read.
 *
 * @param automatic whether the exchange placed it for the bidder's standing maximum (a proxy bid answering another
 *                  firm's bid, or reaching the reserve at the close), rather than the firm itself. Added to v1 as an
 *                  optional field: events stored or sent before it read as {@code false}, which they were
 * @param outbidAtOnce whether another firm's standing maximum outbid this bid at once: the exchange's answer is the
 *                  auction's next bid, so the leader never changed hands (nobody was outbid but this bidder, who was
 *                  told in the bid's answer). Optional in v1 like {@code automatic}; absent reads as {@code false}
 */
@EventType(name = "io.techex.bidding.BidPlaced", version = 1)
public record BidPlaced(String auctionId, String listingId, String bidId, String bidderOrganisationId,
                        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency,
                        int bidNumber, Instant placedAt, boolean automatic, boolean outbidAtOnce) implements PublicEvent {

    /** A bid the firm placed itself, and that leads. */
    public BidPlaced(String auctionId, String listingId, String bidId, String bidderOrganisationId, BigDecimal amount,
                     String currency, int bidNumber, Instant placedAt) {
        this(auctionId, listingId, bidId, bidderOrganisationId, amount, currency, bidNumber, placedAt, false, false);
    }

    @Override
    public String assetId() {
        return listingId;
    }
}

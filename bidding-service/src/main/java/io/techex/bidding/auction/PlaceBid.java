package io.techex.bidding.auction;

import jakarta.annotation.Nullable;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A firm bids; binding once accepted.
 *
 * @param bidId   the same id twice is one bid (a retry), answered as the first time
 * @param amount  what the firm bids now; null with a maximum: the least the auction takes (nothing while it leads)
 * @param maximum the most the exchange may bid for the firm when others outbid it (a proxy bid); null for none
 */
public record PlaceBid(@TargetAggregateIdentifier String auctionId, String bidId, String bidderOrganisationId,
                       @Nullable BigDecimal amount, @Nullable BigDecimal maximum, String currency, Instant at) {

    /** A plain bid, without a maximum. */
    public PlaceBid(String auctionId, String bidId, String bidderOrganisationId, BigDecimal amount, String currency,
                    Instant at) {
        this(auctionId, bidId, bidderOrganisationId, amount, null, currency, at);
    }
}

package io.techex.bidding.auction;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A firm set (or raised, or lowered) the most the exchange may bid for it in an English auction. Never public: the
 * maximum is its owner's secret while the auction runs. The market and the trail see only the bids it causes
 * ({@link io.techex.bidding.api.BidPlaced}, marked {@code automatic} when the exchange placed them).
 *
 * @param bidId  the request that set it: its retries are answered from here
 * @param amount the amount the request bid itself; null when it named only a maximum
 */
public record BidMaximumSet(String auctionId, String bidderOrganisationId, String bidId, BigDecimal amount,
                            BigDecimal maximum, Instant at) {
}

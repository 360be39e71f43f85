package io.techex.bidding.auction;

import java.time.Instant;

/** Deadline payload: the auction was due to end at {@code endsAt} when this deadline was set. */
public record AuctionEndDue(Instant endsAt) {
}

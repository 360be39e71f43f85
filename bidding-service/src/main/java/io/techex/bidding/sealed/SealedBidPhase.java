package io.techex.bidding.sealed;

import java.time.Instant;

/** Where a sealed-bid auction is: before its start, taking commitments, taking reveals, then its outcome. */
public enum SealedBidPhase {
    SCHEDULED, COMMITTING, REVEALING, CLOSING, WON, CLOSED_WITHOUT_SALE;

    /**
     * The phase of an auction not yet closed, read from its times. CLOSING: the reveal deadline has passed and the
     * persisted deadline is about to close it.
     */
    public static SealedBidPhase at(Instant now, Instant startsAt, Instant bidsDueAt, Instant endsAt) {
        if (now.isBefore(startsAt)) {
            return SCHEDULED;
        }
        if (now.isBefore(bidsDueAt)) {
            return COMMITTING;
        }
        return now.isBefore(endsAt) ? REVEALING : CLOSING;
    }
}

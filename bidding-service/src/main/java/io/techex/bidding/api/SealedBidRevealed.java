package io.techex.bidding.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A firm revealed the amount and secret that hash to its commitment, after the bid deadline: a valid bid. Public, with
 * the amount and the secret, for the regulators' trail, so the commitment can be checked by anyone holding the trail.
 * It is published during the reveal phase, when every bid is already fixed by its commitment: seeing one amount cannot
 * change another bid, only tempt a bidder not to reveal, which voids its bid. The exchange's own views show no amount
 * until the auction has closed.
 */
@EventType(name = "io.techex.bidding.SealedBidRevealed", version = 1)
public record SealedBidRevealed(String auctionId, String listingId, String bidderOrganisationId,
                                @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency,
                                String secret, int commitNumber, Instant revealedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

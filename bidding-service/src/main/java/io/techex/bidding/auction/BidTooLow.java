package io.techex.bidding.auction;

import io.techex.platform.rules.RuleViolation;

import java.math.BigDecimal;

/**
 * A bid (or a maximum) below the current price plus the increment, or below the starting price: 409 with the amount
 * to beat, naming the field at fault.
 */
public class BidTooLow extends RuleViolation {

    private final BigDecimal minimumBid;
    private final String currency;

    public BidTooLow(BigDecimal minimumBid, String currency) {
        this("amount", minimumBid, currency);
    }

    public BidTooLow(String field, BigDecimal minimumBid, String currency) {
        super(Kind.CONFLICT, "bid-too-low", field, ("amount".equals(field) ? "A bid" : "A maximum") + " must be at least "
                + minimumBid.toPlainString() + " " + currency);
        this.minimumBid = minimumBid;
        this.currency = currency;
    }

    public BigDecimal minimumBid() {
        return minimumBid;
    }

    public String currency() {
        return currency;
    }
}

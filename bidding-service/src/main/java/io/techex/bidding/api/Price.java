package io.techex.bidding.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.annotation.Nullable;

import java.math.BigDecimal;
import java.util.List;

/**
 * A price structure in one ISO 4217 currency; any combination of its parts, at least one. Amounts are exact decimals
 * and travel as strings.
 *
 * @param lumpSum               paid once, on signing; null when none
 * @param runningRoyaltyPercent percent of the buyer's net sales; null when none
 * @param minimumAnnualRoyalty  the least royalty due per year whatever the sales; null when none
 * @param milestones            payments due on milestones; empty when none
 */
public record Price(String currency,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable BigDecimal lumpSum,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable BigDecimal runningRoyaltyPercent,
                    @JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable BigDecimal minimumAnnualRoyalty,
                    List<Milestone> milestones) {

    /** The exchange's home currency, used when a party names none. */
    public static final String DEFAULT_CURRENCY = "VND";

    public Price {
        currency = currency == null ? DEFAULT_CURRENCY : currency;
        lumpSum = plain(lumpSum);
        runningRoyaltyPercent = plain(runningRoyaltyPercent);
        minimumAnnualRoyalty = plain(minimumAnnualRoyalty);
        milestones = milestones == null ? List.of() : milestones.stream()
                .map(m -> m == null ? null : new Milestone(m.description(), plain(m.amount()))).toList();
    }

    public static Price lumpSum(BigDecimal amount, String currency) {
        return new Price(currency, amount, null, null, List.of());
    }

    /** A JSON number like 1.5E9 arrives with a negative scale; keep plain amounts so the string is "1500000000". */
    static BigDecimal plain(BigDecimal amount) {
        return amount != null && amount.scale() < 0 ? amount.setScale(0) : amount;
    }
}

package io.techex.listing.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.annotation.Nullable;

import java.math.BigDecimal;

/**
 * What a firm can spend on a technology it needs: up to {@code max}, from {@code min} if it says. Amounts travel as
 * decimal strings ({@code "1500000000"}), as every amount on the exchange does, so that they stay exact in any JSON
 * reader; a request may send them as numbers too.
 *
 * @param min      the least the firm expects to spend, or null
 * @param max      the most it can spend
 * @param currency ISO 4217 code; VND when a request names none
 */
public record Budget(@JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable BigDecimal min,
                     @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal max,
                     String currency) {

    /** Plain amounts (a JSON number like 2E9 arrives with a negative scale) and VND when no currency is named. */
    public static Budget of(BigDecimal min, BigDecimal max, String currency) {
        return new Budget(plain(min), plain(max), currency == null ? AskingPrice.DEFAULT_CURRENCY : currency);
    }

    private static BigDecimal plain(BigDecimal amount) {
        return amount != null && amount.scale() < 0 ? amount.setScale(0) : amount;
    }
}

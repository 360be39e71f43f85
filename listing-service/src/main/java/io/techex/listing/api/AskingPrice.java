package io.techex.listing.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.annotation.Nullable;

import java.math.BigDecimal;

/**
 * What the seller asks: an exact amount in one currency, or "price on request" (then amount and currency are
 * absent). The amount travels as a decimal string, so that it stays exact in every JSON reader.
 *
 * @param currency ISO 4217 code
 */
public record AskingPrice(@JsonFormat(shape = JsonFormat.Shape.STRING) @Nullable BigDecimal amount, @Nullable String currency,
                          boolean onRequest) {

    /** The exchange's home currency, used when the seller names none. */
    public static final String DEFAULT_CURRENCY = "VND";

    /** An exact price; VND when {@code currency} is null. */
    public static AskingPrice of(BigDecimal amount, String currency) {
        // a JSON number like 1.5E9 arrives with a negative scale; keep plain amounts so that the string is "1500000000"
        BigDecimal plain = amount != null && amount.scale() < 0 ? amount.setScale(0) : amount;
        return new AskingPrice(plain, currency == null ? DEFAULT_CURRENCY : currency, false);
    }

    public static AskingPrice onRequestOnly() {
        return new AskingPrice(null, null, true);
    }
}

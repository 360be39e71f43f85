package io.techex.listing.api;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;

/**
 * An exact amount in one currency. The amount travels as a decimal string ({@code "800000000"}), so that it stays exact
 * in every JSON reader; a request may send it as a number too.
 *
 * @param currency ISO 4217 code
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    /** A plain amount (a JSON number like 8E8 arrives with a negative scale); VND when {@code currency} is null. */
    public static Money of(BigDecimal amount, String currency) {
        BigDecimal plain = amount != null && amount.scale() < 0 ? amount.setScale(0) : amount;
        return new Money(plain, currency == null ? AskingPrice.DEFAULT_CURRENCY : currency);
    }
}

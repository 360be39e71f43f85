package io.techex.contract.api;

import com.fasterxml.jackson.annotation.JsonFormat;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * An exact amount in one ISO 4217 currency. The amount travels as a decimal string so that it stays exact in every
 * JSON reader.
 */
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {

    /** The exchange's home currency, used when a deal names none. */
    public static final String DEFAULT_CURRENCY = "VND";

    public static Money of(BigDecimal amount, String currency) {
        // a JSON number like 1.5E9 arrives with a negative scale; keep plain amounts so that the string is "1500000000"
        BigDecimal plain = amount != null && amount.scale() < 0 ? amount.setScale(0) : amount;
        return new Money(plain, currency == null || currency.isBlank() ? DEFAULT_CURRENCY : currency);
    }

    public static Money vnd(long amount) {
        return of(BigDecimal.valueOf(amount), DEFAULT_CURRENCY);
    }

    /** Null when valid, otherwise what is wrong. */
    public String problem() {
        if (amount == null) {
            return "an amount is required";
        }
        if (amount.signum() < 0) {
            return "an amount is not negative";
        }
        try {
            Currency iso = Currency.getInstance(currency);
            if (amount.stripTrailingZeros().scale() > Math.max(iso.getDefaultFractionDigits(), 0)) {
                return currency + " has " + Math.max(iso.getDefaultFractionDigits(), 0) + " decimal places at most";
            }
        } catch (IllegalArgumentException | NullPointerException e) {
            return "the currency is an ISO 4217 code such as VND or USD, not " + currency;
        }
        return null;
    }
}

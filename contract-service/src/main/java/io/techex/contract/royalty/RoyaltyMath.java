package io.techex.contract.royalty;

import io.techex.contract.api.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Currency;

/**
 * The amounts a royalty account computes, exactly: BigDecimal throughout and one rounding per amount, half up to the
 * currency's minor unit (VND 0 decimals, USD 2, JPY 0), so that what is due is what the licensee can pay.
 */
public final class RoyaltyMath {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RoyaltyMath() {
    }

    /** Decimal places of the currency's minor unit (0 for VND). */
    public static int minorUnit(String currency) {
        return Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
    }

    /** {@code ratePercent} % of {@code netSales}, rounded half up to the minor unit. */
    public static Money royalty(Money netSales, BigDecimal ratePercent) {
        BigDecimal exact = netSales.amount().multiply(ratePercent).divide(HUNDRED);
        return rounded(exact, netSales.currency());
    }

    /**
     * The minimum owed for a contract year running {@code from} to {@code until}: the whole minimum for a full year,
     * otherwise pro rata of its days (a licence ending mid-year owes for the days it was held), rounded half up.
     */
    public static Money minimumFor(Money minimumPerYear, LocalDate from, LocalDate until, LocalDate fullYearUntil) {
        if (!until.isBefore(fullYearUntil)) {
            return minimumPerYear;
        }
        long held = ChronoUnit.DAYS.between(from, until) + 1;
        long full = ChronoUnit.DAYS.between(from, fullYearUntil) + 1;
        BigDecimal share = minimumPerYear.amount().multiply(BigDecimal.valueOf(held))
                .divide(BigDecimal.valueOf(full), minorUnit(minimumPerYear.currency()), RoundingMode.HALF_UP);
        return new Money(share, minimumPerYear.currency());
    }

    /** {@code amount} at the currency's minor unit, half up. */
    public static Money rounded(BigDecimal amount, String currency) {
        return new Money(amount.setScale(minorUnit(currency), RoundingMode.HALF_UP), currency);
    }

    public static Money zero(String currency) {
        return rounded(BigDecimal.ZERO, currency);
    }
}

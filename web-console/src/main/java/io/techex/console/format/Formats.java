package io.techex.console.format;

import io.techex.console.services.Model.Price;
import io.techex.console.services.Model.Text;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/**
 * Money, dates and times for the reader ({@code @fmt} in templates): amounts in the reader's locale with the
 * currency's own decimals ({@code 1.500.000.000 ₫} in Vietnamese, {@code ₫1,500,000,000} in English), large VND
 * amounts also in words, calendar dates as they are, instants in Vietnam's time zone (the APIs send UTC).
 */
@Component("fmt")
public class Formats {

    /** The exchange's time zone, for showing when something happened. */
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** From this amount on, VND is also written in words: a misplaced zero in a billion is costly. */
    static final BigDecimal WORDS_FROM = BigDecimal.valueOf(1_000_000);

    public String money(Price price) {
        if (price == null || price.onRequest() || price.amount() == null) {
            return null;
        }
        return money(price.amount(), price.currency(), locale());
    }

    /** {@code amount} of {@code currency} (VND when null) for a reader in {@code locale}. */
    public static String money(BigDecimal amount, String currency, Locale locale) {
        Currency unit = Currency.getInstance(currency == null ? "VND" : currency);
        NumberFormat format = NumberFormat.getCurrencyInstance(readerRegion(locale));
        format.setCurrency(unit);
        if (format instanceof DecimalFormat decimal) {
            // the JDK's default symbol for VND outside Vietnam is "VND"; the đồng sign reads the same everywhere
            var symbols = decimal.getDecimalFormatSymbols();
            symbols.setCurrencySymbol(unit.getCurrencyCode().equals("VND") ? "₫" : unit.getSymbol(readerRegion(locale)));
            decimal.setDecimalFormatSymbols(symbols);
        }
        int digits = Math.max(unit.getDefaultFractionDigits(), 0);
        boolean whole = amount.stripTrailingZeros().scale() <= 0;
        format.setMinimumFractionDigits(whole ? 0 : digits);
        format.setMaximumFractionDigits(Math.max(digits, amount.stripTrailingZeros().scale()));
        format.setRoundingMode(RoundingMode.UNNECESSARY);
        return format.format(amount);
    }

    /** A VND amount of a million or more in words, in the reader's language; null otherwise. */
    public String moneyInWords(Price price) {
        if (price == null || price.onRequest() || price.amount() == null) {
            return null;
        }
        return moneyInWords(price.amount(), price.currency(), locale());
    }

    public static String moneyInWords(BigDecimal amount, String currency, Locale locale) {
        boolean vnd = currency == null || "VND".equals(currency);
        if (!vnd || amount.compareTo(WORDS_FROM) < 0 || amount.stripTrailingZeros().scale() > 0) {
            return null;
        }
        var whole = amount.toBigIntegerExact();
        return "en".equals(locale.getLanguage())
                ? EnglishNumberWords.of(whole) + " dong"
                : VietnameseNumberWords.of(whole) + " đồng";
    }

    public String date(LocalDate date) {
        return date == null ? null : date(date, locale());
    }

    public static String date(LocalDate date, Locale locale) {
        DateTimeFormatter format = "vi".equals(locale.getLanguage())
                ? DateTimeFormatter.ofPattern("dd/MM/yyyy")
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        return format.format(date);
    }

    public String instant(Instant instant) {
        return instant == null ? null : instant(instant, locale());
    }

    public static String instant(Instant instant, Locale locale) {
        DateTimeFormatter format = "vi".equals(locale.getLanguage())
                ? DateTimeFormatter.ofPattern("HH:mm, dd/MM/yyyy")
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale);
        return format.withZone(VIETNAM).format(instant);
    }

    /** An ISO-8601 value for {@code <time datetime>}. */
    public String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    public String percent(BigDecimal share) {
        if (share == null) {
            return null;
        }
        NumberFormat format = NumberFormat.getNumberInstance(readerRegion(locale()));
        format.setMaximumFractionDigits(Math.max(0, share.stripTrailingZeros().scale()));
        return format.format(share) + " %";
    }

    public String text(Text text) {
        return text == null ? null : text.in(locale());
    }

    public String lang(Text text) {
        return text == null ? null : text.languageFor(locale());
    }

    public String bytes(long size) {
        NumberFormat format = NumberFormat.getNumberInstance(readerRegion(locale()));
        format.setMaximumFractionDigits(1);
        if (size < 1024) {
            return format.format(size) + " B";
        }
        if (size < 1024 * 1024) {
            return format.format(size / 1024.0) + " KB";
        }
        return format.format(size / (1024.0 * 1024)) + " MB";
    }

    private static Locale readerRegion(Locale locale) {
        return "vi".equals(locale.getLanguage()) ? Locale.forLanguageTag("vi-VN") : Locale.forLanguageTag("en-US");
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}

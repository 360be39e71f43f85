package io.techex.console.format;

import io.techex.console.services.ContractModel;
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

    /** An instant to the second, where seconds count (an auction's end, moved by a late bid). */
    public String instantWithSeconds(Instant instant) {
        return instant == null ? null : instant(instant, locale(), true);
    }

    public static String instant(Instant instant, Locale locale, boolean withSeconds) {
        if (!withSeconds) {
            return instant(instant, locale);
        }
        DateTimeFormatter format = "vi".equals(locale.getLanguage())
                ? DateTimeFormatter.ofPattern("HH:mm:ss, dd/MM/yyyy")
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.MEDIUM).withLocale(locale);
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

    // ------------------------------------------------------------------ deals: amounts apart from a listing's price

    /** {@code amount} of {@code currency} for the reader; null when there is no amount. */
    public String amount(BigDecimal amount, String currency) {
        return amount == null ? null : money(amount, currency, locale());
    }

    /** A VND amount of a million or more in words, for the reader; null otherwise. */
    public String amountInWords(BigDecimal amount, String currency) {
        return amount == null ? null : moneyInWords(amount, currency, locale());
    }

    public String money(ContractModel.Money money) {
        return money == null || money.amount() == null ? null : money(money.amount(), money.currency(), locale());
    }

    public String moneyInWords(ContractModel.Money money) {
        return money == null || money.amount() == null ? null : moneyInWords(money.amount(), money.currency(), locale());
    }

    /** A number as the reader writes it (3,5 in Vietnamese, 3.5 in English), without grouping: for form fields. */
    public String decimal(BigDecimal value) {
        if (value == null) {
            return null;
        }
        String plain = value.stripTrailingZeros().scale() < 0 ? value.setScale(0).toPlainString()
                : value.stripTrailingZeros().toPlainString();
        return "vi".equals(locale().getLanguage()) ? plain.replace('.', ',') : plain;
    }

    /** An instant as a {@code datetime-local} field's value, in Vietnam's time, to the minute. */
    public String localInput(Instant instant) {
        return instant == null ? null : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(VIETNAM).format(instant);
    }

    /** A {@code datetime-local} field's value, read in Vietnam's time; null when blank or not a time. */
    public static Instant fromLocalInput(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.LocalDateTime.parse(value.strip()).atZone(VIETNAM).toInstant();
        } catch (java.time.format.DateTimeParseException notATime) {
            return null;
        }
    }

    /**
     * An amount as a person typed it, as the plain decimal the services take: grouping marks and spaces go, and the
     * reader's decimal mark becomes a point ({@code 1.500.000.000} and {@code 1,500,000,000} are both 1500000000,
     * {@code 3,5} in Vietnamese is 3.5). What is still no number is passed on as typed, for the service to refuse
     * naming the field; blank is null.
     */
    public static String plainAmount(String typed, Locale locale) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        String amount = typed.strip().replaceAll("[\\s_₫\u00a0]", "");
        amount = "vi".equals(locale.getLanguage()) ? amount.replace(".", "").replace(',', '.') : amount.replace(",", "");
        try {
            return new BigDecimal(amount).toPlainString();
        } catch (NumberFormatException notANumber) {
            return typed.strip();
        }
    }

    private static Locale readerRegion(Locale locale) {
        return "vi".equals(locale.getLanguage()) ? Locale.forLanguageTag("vi-VN") : Locale.forLanguageTag("en-US");
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}

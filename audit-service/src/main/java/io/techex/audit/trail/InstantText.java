package io.techex.audit.trail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;

/**
 * {@link Instant#toString()}'s text (ISO-8601 in UTC; the fraction of a second in groups of three digits, as many as it
 * needs, none when whole), written without a {@code DateTimeFormatter}: a trail of 10,000 entries spent an eighth of its
 * Java time setting up the formatter's print context, once per entry. A trail's times are now made from PostgreSQL's
 * text directly ({@link #ofUtcTimestamp}), without the driver's parse into a Timestamp and the calendar arithmetic.
 */
final class InstantText {

    /** The years written with four digits and no sign: 0000 to 9999. */
    private static final long FIRST_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    /** PostgreSQL's ISO output of a {@code timestamp}: the fraction without trailing zeros, " BC" after the years before 1. */
    private static final DateTimeFormatter POSTGRES_TIMESTAMP = new DateTimeFormatterBuilder()
            .appendValue(ChronoField.YEAR_OF_ERA, 4, 9, SignStyle.NOT_NEGATIVE).appendLiteral('-')
            .appendValue(ChronoField.MONTH_OF_YEAR, 2).appendLiteral('-')
            .appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral(' ')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2).appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 6, true).optionalEnd()
            .optionalStart().appendLiteral(' ').appendText(ChronoField.ERA, Map.of(0L, "BC", 1L, "AD")).optionalEnd()
            .parseDefaulting(ChronoField.ERA, 1)
            .toFormatter(Locale.ROOT).withChronology(IsoChronology.INSTANCE).withResolverStyle(ResolverStyle.STRICT);

    private InstantText() {
    }

    static String of(Instant instant) {
        if (instant.getEpochSecond() < FIRST_SECOND || instant.getEpochSecond() > LAST_SECOND) {
            // a sign and more digits: Instant.toString knows how
            return instant.toString();
        }
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int nanos = utc.getNano();
        int fraction = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        byte[] text = new byte[20 + (fraction == 0 ? 0 : fraction + 1)];
        digits(text, 0, utc.getYear(), 4);
        text[4] = '-';
        digits(text, 5, utc.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, utc.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, utc.getHour(), 2);
        text[13] = ':';
        digits(text, 14, utc.getMinute(), 2);
        text[16] = ':';
        digits(text, 17, utc.getSecond(), 2);
        if (fraction > 0) {
            text[19] = '.';
            digits(text, 20, fraction == 3 ? nanos / 1_000_000 : fraction == 6 ? nanos / 1_000 : nanos, fraction);
        }
        text[text.length - 1] = 'Z';
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /**
     * {@link Instant#toString()}'s text, as ASCII, of a {@code timestamp} PostgreSQL printed in its ISO style (what the
     * driver asks for) for a UTC time: {@code 2026-12-07 19:24:23.12} is {@code 2026-12-07T19:24:23.120Z}, the bytes
     * rearranged; the rarer forms (years beyond four digits, BC) parsed and printed.
     */
    static byte[] ofUtcTimestamp(byte[] postgres) {
        int length = postgres.length;
        if (length < 19 || postgres[4] != '-' || postgres[10] != ' ' || postgres[length - 1] == 'C'
                || length > 19 && (postgres[19] != '.' || length > 26)) {
            Instant instant = LocalDateTime.parse(new String(postgres, StandardCharsets.US_ASCII), POSTGRES_TIMESTAMP)
                    .toInstant(ZoneOffset.UTC);
            return of(instant).getBytes(StandardCharsets.US_ASCII);
        }
        int digits = length == 19 ? 0 : length - 20;
        // PostgreSQL drops the fraction's trailing zeros, Instant.toString pads it to a multiple of three digits
        int fraction = digits == 0 ? 0 : digits <= 3 ? 3 : 6;
        byte[] text = new byte[20 + (fraction == 0 ? 0 : fraction + 1)];
        System.arraycopy(postgres, 0, text, 0, length);
        text[10] = 'T';
        for (int i = length; i < text.length - 1; i++) {
            text[i] = '0';
        }
        text[text.length - 1] = 'Z';
        return text;
    }

    /** {@code value} in decimal, right-aligned and padded with zeros in {@code width} places from {@code at}. */
    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}

package io.techex.platform.axon;

import org.axonframework.common.DateTimeUtils;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads an event's stored time. Axon writes it as text in one form, {@code 2026-12-07T06:23:08.745Z}
 * ({@link DateTimeUtils#formatInstant}), and reads it back through a {@code DateTimeFormatter} every time an entry's
 * time is asked for: twice for every event a tracking processor reads, a sixth of a projection's replay on two cores
 * (JFR). That form is read here digit by digit; any other text (an offset other than Z, more fraction digits, a year
 * beyond 9999) goes to Axon's own parser, so every text reads as Axon reads it, errors included.
 */
final class StoredTimestamps {

    private static final int LENGTH = "2026-12-07T06:23:08.745Z".length();

    private StoredTimestamps() {
    }

    static Instant parse(String text) {
        if (text.length() == LENGTH && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == '.' && text.charAt(23) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int millis = digits(text, 20, 3);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour < 24 && minute >= 0 && minute < 60
                    && second >= 0 && second < 60 && millis >= 0) {
                try {
                    long epochDay = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second,
                            millis * 1_000_000L);
                } catch (DateTimeException noSuchDay) {
                    // the 30th of February and the like: Axon's parser says so in its own words
                }
            }
        }
        return DateTimeUtils.parseInstant(text);
    }

    /** The number {@code count} ASCII digits at {@code from} make, or -1 if any of them is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}

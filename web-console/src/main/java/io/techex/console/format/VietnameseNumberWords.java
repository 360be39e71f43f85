package io.techex.console.format;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole numbers in Vietnamese words, as amounts are read out before a binding action: 1 500 000 000 is
 * "một tỷ năm trăm triệu". Groups of three digits take nghìn, triệu, tỷ, and what is above a billion is counted in
 * billions (nghìn tỷ, triệu tỷ, tỷ tỷ); a group after the first is read with all three places ("một triệu không trăm linh năm nghìn"); a zero in the tens place is
 * "linh"; after a ten, 1 is "mốt" (from twenty on), 4 "tư" (from twenty on) and 5 "lăm"; a group of zeros is skipped.
 */
public final class VietnameseNumberWords {

    private static final String[] DIGITS = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};
    /** The scale words within a billion, from the largest group of three digits down. */
    private static final String[] SCALES = {"triệu", "nghìn", ""};
    private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000);

    private VietnameseNumberWords() {
    }

    /** {@code number} in words; negative numbers begin with "âm". */
    public static String of(BigInteger number) {
        if (number.signum() == 0) {
            return DIGITS[0];
        }
        if (number.signum() < 0) {
            return "âm " + of(number.negate());
        }
        List<String> words = new ArrayList<>();
        read(number, true, words);
        return String.join(" ", words);
    }

    public static String of(long number) {
        return of(BigInteger.valueOf(number));
    }

    /**
     * Billions are counted like any number, then "tỷ": 3 200 000 000 000 000 is "ba triệu hai trăm nghìn tỷ" (three
     * million two hundred thousand billion), the way amounts that large are said.
     */
    private static void read(BigInteger number, boolean leading, List<String> words) {
        BigInteger[] billions = number.divideAndRemainder(BILLION);
        if (billions[0].signum() > 0) {
            read(billions[0], leading, words);
            words.add("tỷ");
            leading = false;
        }
        int below = billions[1].intValue();
        int[] groups = {below / 1_000_000, below / 1000 % 1000, below % 1000};
        for (int i = 0; i < groups.length; i++) {
            if (groups[i] == 0) {
                continue;
            }
            words.add(group(groups[i], leading));
            if (!SCALES[i].isEmpty()) {
                words.add(SCALES[i]);
            }
            leading = false;
        }
    }

    /** Three digits; the leading group of a number leaves out the hundreds and tens it does not have. */
    private static String group(int value, boolean leading) {
        int hundreds = value / 100;
        int tens = value / 10 % 10;
        int units = value % 10;
        List<String> words = new ArrayList<>();
        if (!leading || hundreds > 0) {
            words.add(DIGITS[hundreds]);
            words.add("trăm");
        }
        if (tens == 0) {
            if (units > 0) {
                if (!words.isEmpty()) {
                    words.add("linh");
                }
                words.add(DIGITS[units]);
            }
        } else if (tens == 1) {
            words.add("mười");
            if (units > 0) {
                words.add(units == 5 ? "lăm" : DIGITS[units]);
            }
        } else {
            words.add(DIGITS[tens]);
            words.add("mươi");
            if (units > 0) {
                words.add(switch (units) {
                    case 1 -> "mốt";
                    case 4 -> "tư";
                    case 5 -> "lăm";
                    default -> DIGITS[units];
                });
            }
        }
        return String.join(" ", words);
    }
}

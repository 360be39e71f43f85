package io.techex.console.format;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Whole numbers in Vietnamese words, as amounts are read out before a binding action: 1 500 000 000 is
 * "một tỷ năm trăm triệu". Groups of three digits take nghìn, triệu, tỷ, then nghìn tỷ, triệu tỷ, tỷ tỷ; a group
 * after the first is read with all three places ("một triệu không trăm linh năm nghìn"); a zero in the tens place is
 * "linh"; after a ten, 1 is "mốt" (from twenty on), 4 "tư" (from twenty on) and 5 "lăm"; a group of zeros is skipped.
 */
public final class VietnameseNumberWords {

    private static final String[] DIGITS = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};
    /** Scale words of successive groups of three digits; from 10^12 on they combine with tỷ. */
    private static final String[] SCALES = {"", "nghìn", "triệu", "tỷ"};
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

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
        List<Integer> groups = new ArrayList<>();
        for (BigInteger rest = number; rest.signum() > 0; rest = rest.divide(THOUSAND)) {
            groups.add(rest.mod(THOUSAND).intValue());
        }
        List<String> words = new ArrayList<>();
        for (int index = groups.size() - 1; index >= 0; index--) {
            int group = groups.get(index);
            if (group == 0) {
                continue;
            }
            words.add(group(group, index == groups.size() - 1));
            String scale = scale(index);
            if (!scale.isEmpty()) {
                words.add(scale);
            }
        }
        return String.join(" ", words);
    }

    public static String of(long number) {
        return of(BigInteger.valueOf(number));
    }

    /** nghìn, triệu, tỷ; then nghìn tỷ, triệu tỷ, tỷ tỷ, nghìn tỷ tỷ... */
    private static String scale(int index) {
        if (index < SCALES.length) {
            return SCALES[index];
        }
        String below = scale(index - 3);
        return below.isEmpty() ? "tỷ" : below + " tỷ";
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

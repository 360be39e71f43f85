package io.techex.console.format;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Whole numbers in English words, short scale: 1 500 000 000 is "one billion five hundred million". */
public final class EnglishNumberWords {

    private static final String[] UNITS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"};
    private static final String[] TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
            "ninety"};
    private static final String[] SCALES = {"", "thousand", "million", "billion", "trillion", "quadrillion",
            "quintillion"};
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

    private EnglishNumberWords() {
    }

    public static String of(BigInteger number) {
        if (number.signum() == 0) {
            return UNITS[0];
        }
        if (number.signum() < 0) {
            return "minus " + of(number.negate());
        }
        List<Integer> groups = new ArrayList<>();
        for (BigInteger rest = number; rest.signum() > 0; rest = rest.divide(THOUSAND)) {
            groups.add(rest.mod(THOUSAND).intValue());
        }
        if (groups.size() > SCALES.length) {
            return number.toString();
        }
        List<String> words = new ArrayList<>();
        for (int index = groups.size() - 1; index >= 0; index--) {
            int group = groups.get(index);
            if (group > 0) {
                words.add(group(group));
                if (!SCALES[index].isEmpty()) {
                    words.add(SCALES[index]);
                }
            }
        }
        return String.join(" ", words);
    }

    private static String group(int value) {
        List<String> words = new ArrayList<>();
        if (value >= 100) {
            words.add(UNITS[value / 100]);
            words.add("hundred");
        }
        int rest = value % 100;
        if (rest >= 20) {
            words.add(rest % 10 == 0 ? TENS[rest / 10] : TENS[rest / 10] + "-" + UNITS[rest % 10]);
        } else if (rest > 0) {
            words.add(UNITS[rest]);
        }
        return String.join(" ", words);
    }
}

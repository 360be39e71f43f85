package io.techex.console.format;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class EnglishNumberWordsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0             | zero
            13            | thirteen
            45            | forty-five
            105           | one hundred five
            1500000000    | one billion five hundred million
            2000000001    | two billion one
            999999        | nine hundred ninety-nine thousand nine hundred ninety-nine
            """)
    void readsAmountsInEnglish(String number, String words) {
        assertThat(EnglishNumberWords.of(new BigInteger(number))).isEqualTo(words);
    }
}

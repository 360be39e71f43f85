package io.techex.console.format;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;

class VietnameseNumberWordsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0                  | không
            5                  | năm
            10                 | mười
            11                 | mười một
            14                 | mười bốn
            15                 | mười lăm
            20                 | hai mươi
            21                 | hai mươi mốt
            24                 | hai mươi tư
            25                 | hai mươi lăm
            55                 | năm mươi lăm
            100                | một trăm
            105                | một trăm linh năm
            110                | một trăm mười
            115                | một trăm mười lăm
            121                | một trăm hai mươi mốt
            1000               | một nghìn
            1005               | một nghìn không trăm linh năm
            1050               | một nghìn không trăm năm mươi
            10000              | mười nghìn
            15000              | mười lăm nghìn
            1000000            | một triệu
            1005000            | một triệu không trăm linh năm nghìn
            1000005            | một triệu không trăm linh năm
            25500000           | hai mươi lăm triệu năm trăm nghìn
            1500000000         | một tỷ năm trăm triệu
            2000000001         | hai tỷ không trăm linh một
            1000000000000      | một nghìn tỷ
            3200000000000000   | ba triệu hai trăm nghìn tỷ
            1000000000000000000 | một tỷ tỷ
            -1500000           | âm một triệu năm trăm nghìn
            """)
    void readsAmountsAsVietnameseSayThem(String number, String words) {
        assertThat(VietnameseNumberWords.of(new BigInteger(number))).isEqualTo(words);
    }
}

package io.techex.console.format;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTest {

    private static final Locale VI = Locale.forLanguageTag("vi");
    private static final Locale EN = Locale.ENGLISH;

    /** Vietnamese puts the đồng sign after the amount, with a no-break space so that a line never splits them. */
    @Test
    void moneyIsWrittenInTheReadersLocaleWithTheCurrencysOwnDecimals() {
        assertThat(Formats.money(new BigDecimal("1500000000"), "VND", VI)).isEqualTo("1.500.000.000\u00a0₫");
        assertThat(Formats.money(new BigDecimal("1500000000"), "VND", EN)).isEqualTo("₫1,500,000,000");
        assertThat(Formats.money(new BigDecimal("1500000000"), null, VI)).isEqualTo("1.500.000.000\u00a0₫");
        assertThat(Formats.money(new BigDecimal("25000.5"), "USD", EN)).isEqualTo("$25,000.50");
        assertThat(Formats.money(new BigDecimal("25000"), "USD", EN)).isEqualTo("$25,000");
    }

    @Test
    void aDecimalStringAndANumberOfTheSameAmountLookAlike() {
        // the services move from JSON numbers to decimal strings; both arrive as BigDecimal, with or without scale
        assertThat(Formats.money(new BigDecimal("1.5E+9"), "VND", VI)).isEqualTo("1.500.000.000\u00a0₫");
        assertThat(Formats.money(new BigDecimal("1500000000.00"), "VND", VI)).isEqualTo("1.500.000.000\u00a0₫");
    }

    @Test
    void largeVndAmountsAreAlsoGivenInWords() {
        assertThat(Formats.moneyInWords(new BigDecimal("1500000000"), "VND", VI)).isEqualTo("một tỷ năm trăm triệu đồng");
        assertThat(Formats.moneyInWords(new BigDecimal("1500000000"), "VND", EN)).isEqualTo("one billion five hundred million dong");
        assertThat(Formats.moneyInWords(new BigDecimal("999999"), "VND", VI)).as("small amounts").isNull();
        assertThat(Formats.moneyInWords(new BigDecimal("2000000"), "USD", VI)).as("other currencies").isNull();
    }

    @Test
    void datesAreTheReadersAndInstantsAreShownInVietnamsTimeZone() {
        assertThat(Formats.date(LocalDate.of(2039, 3, 14), VI)).isEqualTo("14/03/2039");
        assertThat(Formats.date(LocalDate.of(2039, 3, 14), EN)).isEqualTo("Mar 14, 2039");
        // 23:30 UTC is 06:30 the next morning in Hanoi
        assertThat(Formats.instant(Instant.parse("2026-12-04T23:30:00Z"), VI)).isEqualTo("06:30, 05/12/2026");
        assertThat(Formats.instant(Instant.parse("2026-12-04T23:30:00Z"), EN)).contains("Dec 5, 2026").contains("6:30");
    }
}

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

    /** Amounts typed as people write them reach the services as plain decimals; what is no number goes as typed. */
    @Test
    void anAmountIsReadAsTheReaderWritesIt() {
        assertThat(Formats.plainAmount("1.500.000.000", VI)).isEqualTo("1500000000");
        assertThat(Formats.plainAmount("1.500.000.000 ₫", VI)).isEqualTo("1500000000");
        assertThat(Formats.plainAmount("3,5", VI)).isEqualTo("3.5");
        assertThat(Formats.plainAmount("1,500,000,000", EN)).isEqualTo("1500000000");
        assertThat(Formats.plainAmount("3.5", EN)).isEqualTo("3.5");
        assertThat(Formats.plainAmount(" 12 000 ", EN)).isEqualTo("12000");
        assertThat(Formats.plainAmount("about a billion", VI)).as("for the service to refuse, naming the field")
                .isEqualTo("about a billion");
        assertThat(Formats.plainAmount("  ", VI)).isNull();
    }

    @Test
    void aDatetimeLocalFieldIsVietnamsTime() {
        assertThat(Formats.fromLocalInput("2026-12-05T06:30")).isEqualTo(Instant.parse("2026-12-04T23:30:00Z"));
        assertThat(Formats.fromLocalInput("tomorrow")).isNull();
        assertThat(Formats.fromLocalInput("")).isNull();
        assertThat(Formats.instant(Instant.parse("2026-12-04T23:30:07Z"), VI, true)).isEqualTo("06:30:07, 05/12/2026");
    }
}

package io.techex.platform.web;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What no field of any request may hold. */
class InputGuardTest {

    record Money(BigDecimal amount, String currency) {
    }

    record Title(String office, LocalDate expiryDate) {
    }

    record Offer(String message, Money price, Instant validUntil, List<Title> titles, Map<String, String> notes) {
    }

    @Test
    void ordinaryValuesPass() {
        Offer offer = new Offer("Đề nghị cấp phép 🇻🇳", new Money(new BigDecimal("1500000000.50"), "VND"),
                Instant.parse("2027-01-01T00:00:00Z"), List.of(new Title("VN", LocalDate.of(2039, 3, 14))), Map.of("k", "v"));

        assertThat(InputGuard.problemsOf(offer)).isEmpty();
    }

    @Test
    void eachBadValueIsNamedByItsPath() {
        Offer offer = new Offer("a\u0000b", new Money(new BigDecimal("1e400"), "VND"),
                Instant.parse("+999999999-12-31T23:59:59Z"),
                List.of(new Title("V\uD800N", LocalDate.of(2039, 3, 14)), new Title("VN", LocalDate.of(-5, 1, 1))),
                Map.of("note", "\uDC00"));

        assertThat(InputGuard.problemsOf(offer)).extracting(FieldProblem::field).containsExactlyInAnyOrder(
                "message", "price.amount", "validUntil", "titles[0].office", "titles[1].expiryDate", "notes.note");
    }

    @Test
    void decimalsAreBoundedOnBothSidesOfThePoint() {
        assertThat(InputGuard.problemsOf(new Money(new BigDecimal("0.0000001"), "VND"))).isEmpty();
        assertThat(InputGuard.problemsOf(new Money(new BigDecimal("1e-400"), "VND"))).hasSize(1);
        assertThat(InputGuard.problemsOf(new Money(new BigDecimal("1" + "0".repeat(30)), "VND"))).hasSize(1);
    }

    @Test
    void aDateInAQueryParameterIsInTheYears1000To9999() {
        assertThat(InputGuard.dateProblemWith("2027-01-01")).isNull();
        assertThat(InputGuard.dateProblemWith("2027-01-01T10:00:00Z")).isNull();
        assertThat(InputGuard.dateProblemWith("dieu tri 2027")).isNull();
        assertThat(InputGuard.dateProblemWith("+99999-12-31")).isNotNull();
        assertThat(InputGuard.dateProblemWith("0999-01-01")).isNotNull();
        assertThat(InputGuard.dateProblemWith("-0001-01-01T00:00:00Z")).isNotNull();
    }

    @Test
    void aSurrogatePairIsTextAndALoneOneIsNot() {
        assertThat(InputGuard.problemWith("emoji \uD83D\uDE00")).isNull();
        assertThat(InputGuard.problemWith("reversed \uDE00\uD83D")).isNotNull();
    }
}

package io.techex.contract.agreement;

import java.time.LocalDate;

/** Deadline payload: the licence's term ended with {@code lastDay}. */
public record TermEndDue(LocalDate lastDay) {
}

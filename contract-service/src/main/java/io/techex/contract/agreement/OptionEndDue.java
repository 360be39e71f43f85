package io.techex.contract.agreement;

import java.time.LocalDate;

/** Deadline payload: the option's period ended with {@code lastDay}. */
public record OptionEndDue(LocalDate lastDay) {
}

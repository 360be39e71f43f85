package io.techex.audit.statistics;

import io.techex.platform.rules.RuleViolation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a regulator asks of the statistics: the days (in Vietnam's time, both included; either open), what to group the
 * deals by, in that order (none: totals only), and the length of a period.
 */
record StatisticsQuery(LocalDate from, LocalDate to, List<Dimension> groupBy, Period period) {

    static StatisticsQuery of(LocalDate from, LocalDate to, List<String> groupBy, String period) {
        if (from != null && to != null && to.isBefore(from)) {
            throw RuleViolation.invalid("to", "must not be before from");
        }
        List<Dimension> dimensions = new ArrayList<>();
        for (String name : groupBy == null ? List.<String>of() : groupBy) {
            for (String part : name.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                Dimension dimension = Dimension.of(part.strip()).orElseThrow(() -> RuleViolation.invalid("groupBy",
                        "is one of " + Arrays.stream(Dimension.values()).map(d -> d.parameter).toList()));
                if (dimensions.contains(dimension)) {
                    throw RuleViolation.invalid("groupBy", "names " + part.strip() + " twice");
                }
                dimensions.add(dimension);
            }
        }
        Period length;
        try {
            length = period == null || period.isBlank() ? Period.QUARTER : Period.valueOf(period.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw RuleViolation.invalid("period", "is MONTH, QUARTER or YEAR");
        }
        return new StatisticsQuery(from, to, List.copyOf(dimensions), length);
    }
}

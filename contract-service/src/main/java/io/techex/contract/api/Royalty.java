package io.techex.contract.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import jakarta.annotation.Nullable;

import java.math.BigDecimal;

/**
 * A running royalty: a percentage of the licensee's net sales, reported per period, and at least a minimum a year if
 * one is set.
 *
 * @param ratePercent      of net sales, e.g. {@code 3.5}
 * @param period           MONTH, QUARTER or YEAR: how often the licensee reports
 * @param minimumPerYear   due for each contract year even when the percentage comes to less; null for none
 */
public record Royalty(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal ratePercent, ReportingPeriod period,
                      @Nullable Money minimumPerYear) {

    public enum ReportingPeriod { MONTH, QUARTER, YEAR }
}

package io.techex.audit.statistics;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.annotation.Nullable;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The deals that took effect in a span of days, counted and valued per group and per currency: amounts of different
 * currencies are never added. A deal's value is the price (lump sum) of the contract's version in force; royalties
 * that depend on future sales are not in it.
 *
 * @param from    the first day counted; null when the query named none
 * @param to      the last day counted; null when the query named none
 * @param counted what a deal is here, in words
 * @param rows    one per group and currency, in the order of the groups' values then the currency
 * @param totals  one per currency, over every group
 */
public record StatisticsReport(@Nullable LocalDate from, @Nullable LocalDate to, String timeZone, String period, List<String> groupBy,
                               String counted, List<Row> rows, List<Total> totals) {

    /**
     * @param group the value of each dimension asked for, by its name ({@code ipcSection}: {@code "C"}); null where the
     *              trail does not say (a listing without IPC class)
     * @param value the exact sum, a decimal string
     */
    public record Row(@Schema(description = "Each dimension's value by its name; null where the trail does not say",
                              implementation = Object.class)
                      Map<String, String> group, String currency, long deals, String value) {
    }

    public record Total(String currency, long deals, String value) {
    }
}

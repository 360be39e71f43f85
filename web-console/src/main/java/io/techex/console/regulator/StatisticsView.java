package io.techex.console.regulator;

import java.util.List;

/** The statistics page's tables as the reader sees them. */
public final class StatisticsView {

    private StatisticsView() {
    }

    /**
     * One row: the group in words, the currency, the count, the sum formatted in the reader's locale and exactly.
     */
    public record Row(String group, String currency, long deals, String value, String exactValue) {
    }

    /** One question to audit-service and its answer: what it groups by, the rows, its CSV. */
    public record Section(String id, List<String> groupBy, List<Row> rows, String csv) {
    }
}

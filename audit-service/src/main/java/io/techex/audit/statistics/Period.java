package io.techex.audit.statistics;

/** The length of the periods deals are counted in, in Vietnam's time ({@link DealStatistics#ZONE}). */
enum Period {
    MONTH("YYYY-MM"),
    QUARTER("YYYY-\"Q\"Q"),
    YEAR("YYYY");

    private final String label;

    Period(String label) {
        this.label = label;
    }

    /** The period of the instant in {@code column}, as its label. */
    String sql(String column) {
        return "to_char(" + column + " AT TIME ZONE '" + DealStatistics.ZONE.getId() + "', '" + label + "')";
    }
}

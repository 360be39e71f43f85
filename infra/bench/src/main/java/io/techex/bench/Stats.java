package io.techex.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles by the nearest-rank method: the p-th percentile of n values is the smallest value with at least p % of
 * the values at or below it, so it is always one of the measured values (never an interpolation between two) and
 * the p99 of fewer than 100 values is their maximum.
 */
public final class Stats {

    private Stats() {
    }

    /** The p-th percentile (0 &lt; p &le; 100) of {@code values}; NaN when there are none. */
    public static double percentile(double[] values, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public static double percentile(Collection<? extends Number> values, double p) {
        return percentile(values.stream().mapToDouble(Number::doubleValue).toArray(), p);
    }

    /** The median as the 50th percentile by nearest rank: of an even count, the lower of the two middle values. */
    public static double median(double[] values) {
        return percentile(values, 50);
    }

    public static double median(Collection<? extends Number> values) {
        return percentile(values, 50);
    }
}

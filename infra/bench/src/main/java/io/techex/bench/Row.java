package io.techex.bench;

import java.util.List;

/**
 * One line of the results: a measured quantity's median and p99 (over the repetitions' values for rates, over every
 * request of every repetition for latencies), the anchor measured in the same run beside it, and the goal.
 *
 * @param id         stable key, so that two runs' results can be lined up
 * @param perRep     the quantity per repetition (a rate, or a latency's p99) to show the spread
 * @param ratio      median / anchor median
 * @param met        whether the goal was met; null where the issue sets none
 */
record Row(String id, String scenario, String metric, String unit, int clients, double median, double p99,
           long samples, List<Double> perRep, String anchor, Double anchorMedian, Double anchorP99, Double ratio,
           String goal, Boolean met, String note) {

    static Row of(String id, String scenario, String metric, String unit, int clients, double median, double p99,
                  long samples, List<Double> perRep) {
        return new Row(id, scenario, metric, unit, clients, median, p99, samples, perRep, null, null, null, null, null, null, null);
    }

    Row anchor(String name, double anchorMedian, double anchorP99) {
        double r = anchorMedian == 0 || Double.isNaN(anchorMedian) ? Double.NaN : median / anchorMedian;
        return new Row(id, scenario, metric, unit, clients, median, p99, samples, perRep, name, anchorMedian, anchorP99,
                Double.isNaN(r) ? null : r, goal, met, note);
    }

    Row goal(String text, boolean achieved) {
        return new Row(id, scenario, metric, unit, clients, median, p99, samples, perRep, anchor, anchorMedian, anchorP99,
                ratio, text, achieved, note);
    }

    Row note(String text) {
        return new Row(id, scenario, metric, unit, clients, median, p99, samples, perRep, anchor, anchorMedian, anchorP99,
                ratio, goal, met, note == null ? text : note + "; " + text);
    }
}

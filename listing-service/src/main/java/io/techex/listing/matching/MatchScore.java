package io.techex.listing.matching;

import io.techex.listing.api.MatchReason;

import java.util.List;

/**
 * How well a listing answers a need, 0 to 1, with a reason per component.
 *
 * @param relevant whether their subjects meet at all: some words in common, or IPC fields sharing at least a class.
 *                 Without that, a pair that merely agrees on terms (any licence, any price) is no match.
 */
record MatchScore(double score, List<MatchReason> reasons, boolean relevant) {

    /** Below it a pair is not kept: too weak to be worth a firm's or a university's look. */
    static final double FLOOR = 0.30;

    MatchScore {
        reasons = List.copyOf(reasons);
    }

    boolean isMatch() {
        return relevant && score >= FLOOR;
    }
}

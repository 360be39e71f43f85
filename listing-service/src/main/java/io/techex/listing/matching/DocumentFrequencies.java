package io.techex.listing.matching;

import java.util.Map;

/**
 * How many open items (listings and needs together) hold each term, and how many open items there are: the rarer a
 * term, the more two texts sharing it have in common ("nuoc thai" says more than "cong nghe").
 */
record DocumentFrequencies(int openItems, Map<String, Integer> byTerm) {

    /** Smoothed inverse document frequency, ln(1 + N / df), never zero, and defined for a term no open item holds. */
    double idf(String term) {
        int df = Math.max(1, byTerm.getOrDefault(term, 1));
        return Math.log(1.0 + Math.max(openItems, 1) / (double) df);
    }
}

package io.techex.listing.matching;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An item's text as matching compares it: distinct terms, each {@code vi:} or {@code en:} and one lexeme or two adjacent
 * ones ({@code vi:nuoc thai}), with the weight of the field it came from (the highest if several) and how it was
 * written, diacritics removed ({@code nuoc thai}, {@code wastewater} for the stem {@code en:wastewat}).
 */
record TermProfile(List<String> terms, List<Float> weights, List<String> surfaces) {

    static final TermProfile EMPTY = new TermProfile(List.of(), List.of(), List.of());

    TermProfile {
        terms = List.copyOf(terms);
        weights = List.copyOf(weights);
        surfaces = List.copyOf(surfaces);
        if (terms.size() != weights.size() || terms.size() != surfaces.size()) {
            throw new IllegalArgumentException("a term profile has a weight and a surface per term");
        }
    }

    Map<String, Float> weightByTerm() {
        Map<String, Float> byTerm = new HashMap<>(terms.size() * 2);
        for (int i = 0; i < terms.size(); i++) {
            byTerm.put(terms.get(i), weights.get(i));
        }
        return byTerm;
    }

    Map<String, String> surfaceByTerm() {
        Map<String, String> byTerm = new HashMap<>(terms.size() * 2);
        for (int i = 0; i < terms.size(); i++) {
            byTerm.put(terms.get(i), surfaces.get(i));
        }
        return byTerm;
    }
}

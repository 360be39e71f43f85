package io.techex.listing.matching;

/** The two sides of a match. */
public enum MatchKind {
    LISTING,
    NEED;

    MatchKind other() {
        return this == LISTING ? NEED : LISTING;
    }
}

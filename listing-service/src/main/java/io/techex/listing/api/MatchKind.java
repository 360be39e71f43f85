package io.techex.listing.api;

/** The two sides of a match. */
public enum MatchKind {
    LISTING,
    NEED;

    public MatchKind other() {
        return this == LISTING ? NEED : LISTING;
    }
}

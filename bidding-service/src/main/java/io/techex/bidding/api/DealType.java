package io.techex.bidding.api;

/** What the buyer gets: the IP itself, or a licence to use it. */
public enum DealType {
    ASSIGNMENT, EXCLUSIVE_LICENCE, NON_EXCLUSIVE_LICENCE;

    /** An assignment or exclusive licence: nobody else may get the same rights in the same scope. */
    public boolean isExclusive() {
        return this != NON_EXCLUSIVE_LICENCE;
    }
}

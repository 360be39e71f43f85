package io.techex.listing.api;

/** The kinds of deal a seller may offer (Vietnam's Law on Technology Transfer 2017 and IP law). */
public enum DealType {
    /** Ownership of the right passes to the buyer. */
    ASSIGNMENT,
    /** One licensee only, in the licence's field of use and territory; the owner itself included. */
    EXCLUSIVE_LICENCE,
    /** Any number of licensees. */
    NON_EXCLUSIVE_LICENCE;

    public boolean isLicence() {
        return this != ASSIGNMENT;
    }
}

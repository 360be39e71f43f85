package io.techex.listing.api;

/** The kinds of deal a seller may offer (Vietnam's Law on Technology Transfer 2017 and IP law). */
public enum DealType {
    /** Ownership of the right passes to the buyer. */
    ASSIGNMENT,
    /** One licensee only, in the licence's field of use and territory; the owner itself included. */
    EXCLUSIVE_LICENCE,
    /** Any number of licensees. */
    NON_EXCLUSIVE_LICENCE,
    /**
     * For a fee, the exclusive right for a period to evaluate the technology in a field of use and territory and to
     * take a licence on terms the option fixes. While in force it holds the listing under contract; exercised, the
     * licence it fixed takes its place; lapsed, the listing returns to the market.
     */
    OPTION;

    public boolean isLicence() {
        return this == EXCLUSIVE_LICENCE || this == NON_EXCLUSIVE_LICENCE;
    }
}

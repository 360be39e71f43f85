package io.techex.bidding.api;

/** What the buyer gets: the IP itself, a licence to use it, or an option to take a licence. */
public enum DealType {
    ASSIGNMENT, EXCLUSIVE_LICENCE, NON_EXCLUSIVE_LICENCE,
    /**
     * For a fee, the exclusive right for a period to evaluate the technology in a field and territory and to take the
     * licence the deal fixes ({@link DealTerms#licence()}). Negotiated only: its licence terms are part of the offer.
     */
    OPTION;

    /**
     * An assignment, an exclusive licence, or an option (which reserves the scope as an exclusive licence would):
     * nobody else may get the same rights in the same scope.
     */
    public boolean isExclusive() {
        return this != NON_EXCLUSIVE_LICENCE;
    }
}

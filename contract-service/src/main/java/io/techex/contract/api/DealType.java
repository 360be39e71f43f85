package io.techex.contract.api;

/** What a contract transfers (Law on Technology Transfer 2017, article 7; IP law for licences). */
public enum DealType {
    /** Ownership of the technology and its IP titles passes to the buyer. */
    ASSIGNMENT,
    /** One licensee only in the licence's field of use, territory and term; the owner itself included. */
    EXCLUSIVE_LICENCE,
    /** Any number of licensees. */
    NON_EXCLUSIVE_LICENCE,
    /**
     * For a fee, the exclusive right, for the option's period, to evaluate the technology in its field of use and
     * territory and to take the licence whose terms the option fixes ({@link ContractTerms#licenceOnExercise()}).
     * While in force it reserves those rights as an exclusive licence would.
     */
    OPTION;

    public boolean isLicence() {
        return this == EXCLUSIVE_LICENCE || this == NON_EXCLUSIVE_LICENCE;
    }
}

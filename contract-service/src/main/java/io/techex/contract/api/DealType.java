package io.techex.contract.api;

/** What a contract transfers (Law on Technology Transfer 2017, article 7; IP law for licences). */
public enum DealType {
    /** Ownership of the technology and its IP titles passes to the buyer. */
    ASSIGNMENT,
    /** One licensee only in the licence's field of use, territory and term; the owner itself included. */
    EXCLUSIVE_LICENCE,
    /** Any number of licensees. */
    NON_EXCLUSIVE_LICENCE;

    public boolean isLicence() {
        return this != ASSIGNMENT;
    }
}

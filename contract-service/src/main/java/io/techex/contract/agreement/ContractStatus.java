package io.techex.contract.agreement;

/** Where a contract stands on its way from a deal to rights held. */
public enum ContractStatus {
    /** Parties amend and sign; an amendment makes a new version and voids the signatures on the old one. */
    DRAFTING,
    /** Signed by both; a regulator must grant the transfer permit of a restricted technology. */
    AWAITING_PERMIT,
    /** Signed by both; a regulator must register it. */
    AWAITING_REGISTRATION,
    /** Everything the law asks is in; the rights ledger decides, in the same transaction, whether it takes effect. */
    READY,
    ACTIVE,
    /** A permit or registration was refused, or the rights it grants overlap rights already held. */
    REFUSED,
    TERMINATED,
    /** An option its holder exercised: the licence contract it fixed was drawn up. */
    EXERCISED,
    /** An option that reached the end of its period unexercised; its reservation ended with it. */
    LAPSED;

    public boolean awaitsRegulator() {
        return this == AWAITING_PERMIT || this == AWAITING_REGISTRATION;
    }
}

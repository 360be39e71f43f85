package io.techex.listing.api;

/**
 * Who posts a need, as the poster declares it. A State agency acting as a buyer signs in as a FIRM organisation (the
 * role says what it may do on the exchange, which is a firm's); this says which kind of buyer it is, for the
 * regulators' statistics and for universities deciding whether to answer.
 */
public enum NeedOwnerKind {
    /** A company. */
    FIRM,
    /** A ministry, a provincial department, a public service unit buying on the State's behalf. */
    STATE_AGENCY
}

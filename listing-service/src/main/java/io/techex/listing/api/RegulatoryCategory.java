package io.techex.listing.api;

/**
 * Where a technology stands under Vietnam's Law on Technology Transfer 2017 (articles 9 to 11 and the government's
 * lists under it).
 */
public enum RegulatoryCategory {
    /** On the list of technologies whose transfer the State encourages (incentives may apply). */
    ENCOURAGED,
    /** Neither encouraged nor restricted: transfers freely, by contract. */
    ORDINARY,
    /** On the restricted list: a transfer needs a permit from the Ministry of Science and Technology. */
    RESTRICTED,
    /** On the prohibited list: may not be transferred, so the exchange does not list it. */
    PROHIBITED
}

package io.techex.contract.api;

/** Where a technology stands under the Law on Technology Transfer 2017 (articles 9 to 11), as its listing says. */
public enum RegulatoryCategory {
    ENCOURAGED,
    ORDINARY,
    /** A transfer needs a permit from a regulator before the contract takes effect. */
    RESTRICTED,
    /** May not be transferred: no contract is created. */
    PROHIBITED
}

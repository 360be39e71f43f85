package io.techex.authserver;

/** What an organisation is on the exchange; the {@code role} claim carries it, spelled as here. */
public enum Role {
    UNIVERSITY,
    FIRM,
    OPERATOR,
    REGULATOR
}

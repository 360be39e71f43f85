package io.techex.listing.api;

/** How a published listing finds its buyer. */
public enum SaleMode {
    /** Buyers make offers and the seller negotiates with them. */
    NEGOTIATION,
    /** Buyers bid in a timed auction. */
    AUCTION
}

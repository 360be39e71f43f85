package io.techex.listing.api;

/** What a university offers in answer to a need. */
public enum ProposalKind {
    /** One of its listings on the market: the firm may go on to negotiate a deal on it. */
    LISTING,
    /** Research and development it would do for the firm: what, in how long, for how much. */
    RND_OFFER
}

package io.techex.listing.proposal;

/**
 * Where a proposal is.
 *
 * <pre>
 * DRAFT → SUBMITTED → SHORTLISTED → NEGOTIATION_REQUESTED (a LISTING proposal: the firm goes on to make an offer)
 *         SUBMITTED | SHORTLISTED → DECLINED (the need's owner) | WITHDRAWN (the university)
 * </pre>
 */
public enum ProposalStatus {
    /** The university is still writing it and adding attachments; nobody else sees it. */
    DRAFT,
    SUBMITTED,
    SHORTLISTED,
    DECLINED,
    WITHDRAWN,
    NEGOTIATION_REQUESTED;

    /** The need's owner may still decide on it. */
    boolean isOpen() {
        return this == SUBMITTED || this == SHORTLISTED;
    }
}

package io.techex.listing.catalogue;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a listing is in its life on the exchange.
 *
 * <pre>
 * DRAFT → SUBMITTED → OWNERSHIP_VERIFIED → PUBLISHED → UNDER_NEGOTIATION | UNDER_AUCTION → UNDER_CONTRACT
 *                   ↘ OWNERSHIP_REJECTED (revise → DRAFT, or submit again)        UNDER_CONTRACT → LICENSED | TRANSFERRED
 * LICENSED (non-exclusive) → UNDER_NEGOTIATION | UNDER_AUCTION again;  any state before UNDER_CONTRACT, and LICENSED → WITHDRAWN
 * </pre>
 */
public enum ListingStatus {
    DRAFT,
    SUBMITTED,
    OWNERSHIP_VERIFIED,
    OWNERSHIP_REJECTED,
    PUBLISHED,
    UNDER_NEGOTIATION,
    UNDER_AUCTION,
    UNDER_CONTRACT,
    LICENSED,
    TRANSFERRED,
    WITHDRAWN;

    private static final Set<ListingStatus> BEFORE_PUBLICATION = EnumSet.of(DRAFT, SUBMITTED, OWNERSHIP_VERIFIED, OWNERSHIP_REJECTED);
    private static final Set<ListingStatus> PUBLIC = EnumSet.of(PUBLISHED, UNDER_NEGOTIATION, UNDER_AUCTION, UNDER_CONTRACT,
            LICENSED, TRANSFERRED);

    /** Not yet on the market: the seller may still change it, co-owners may still consent. */
    public boolean isBeforePublication() {
        return BEFORE_PUBLICATION.contains(this);
    }

    /**
     * On the market now or dealt on it, so anyone may know of it. A withdrawn listing is not: it may never have
     * been published, and a seller that withdraws one wants it out of sight.
     */
    public boolean isPublic() {
        return PUBLIC.contains(this);
    }
}

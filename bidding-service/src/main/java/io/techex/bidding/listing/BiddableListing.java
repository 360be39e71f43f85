package io.techex.bidding.listing;

import io.techex.bidding.api.DealType;

import java.util.Set;

/**
 * A listing as bidding sees it.
 *
 * @param saleMode NEGOTIATION or AUCTION, as the seller chose
 * @param state    whether it takes new deals
 */
public record BiddableListing(String listingId, String sellerOrganisationId, String saleMode, Set<DealType> dealTypes,
                              State state, String closedReason) {

    public enum State {
        ON_MARKET,
        /** After a non-exclusive licence: only further non-exclusive licences. */
        NON_EXCLUSIVE_ONLY,
        /** Withdrawn, transferred, or under an exclusive contract or licence: bidding has stopped. */
        CLOSED
    }

    /** The deal types a buyer may still get. */
    public Set<DealType> availableDealTypes() {
        return switch (state) {
            case ON_MARKET -> dealTypes;
            case NON_EXCLUSIVE_ONLY -> dealTypes.contains(DealType.NON_EXCLUSIVE_LICENCE)
                    ? Set.of(DealType.NON_EXCLUSIVE_LICENCE) : Set.of();
            case CLOSED -> Set.of();
        };
    }
}

package io.techex.bidding.negotiation;

import io.techex.bidding.api.DealTerms;
import io.techex.bidding.api.Party;

import java.time.Instant;

/**
 * A negotiation as its projection keeps it ({@code negotiation_view}).
 *
 * @param offerBy the party whose offer is on the table; the other answers it
 * @param endedBy the party that accepted or rejected; null while open, and when time or the exchange ended it
 * @param endedAt when it ended; null while open
 */
public record NegotiationRow(String negotiationId, String listingId, String sellerOrganisationId,
                             String buyerOrganisationId, NegotiationStatus status, int round, Party offerBy,
                             DealTerms terms, Instant validUntil, String closedReason, Party endedBy, Instant endedAt) {

    /** The side {@code organisationId} is on; null for anyone else. */
    Party sideOf(String organisationId) {
        return buyerOrganisationId.equals(organisationId) ? Party.BUYER
                : sellerOrganisationId.equals(organisationId) ? Party.SELLER : null;
    }

    /**
     * Whether {@code party} may answer the offer on the table at {@code now}: the {@link Negotiation}'s own rule (open,
     * not expired to the second, and not its own offer), so a page offers the answer exactly when it would be taken.
     */
    boolean awaitsAnswerFrom(Party party, Instant now) {
        return party != null && status == NegotiationStatus.OPEN && now.isBefore(validUntil) && party != offerBy;
    }

    /** One round's offer, as it was made. */
    public record Round(int round, Party by, DealTerms terms, Instant validUntil, Instant madeAt) {
    }
}

package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A negotiation or auction ended without a deal, or a contract fell through: the listing is open for deals again
 * once no other negotiation is going on (sent on bidding-service's and contract-service's events).
 *
 * @param dealId the negotiation, auction or contract that ended; null to end every deal in progress
 */
public record ReturnToMarket(@TargetAggregateIdentifier String listingId, String reason, String dealId) {

    public ReturnToMarket(String listingId, String reason) {
        this(listingId, reason, null);
    }
}

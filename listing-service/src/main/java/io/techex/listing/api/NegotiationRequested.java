package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

import java.time.Instant;

/**
 * The need's owner wants to negotiate a deal on the listing a proposal names. The negotiation itself is bidding-service's:
 * the firm opens it with its first offer on the listing ({@code POST /negotiations} there), as for any listing, since
 * only the firm can name the terms it offers. This event tells the university (and the trail) that the firm chose its
 * listing, and reveals the firm to it.
 */
@EventType(name = "io.techex.listing.NegotiationRequested", version = 1)
public record NegotiationRequested(String proposalId, String needId, String listingId, String needOwnerOrganisationId,
                                   String proposerOrganisationId, Instant requestedAt) implements PublicEvent {

    @Override
    public String assetId() {
        return needId;
    }
}

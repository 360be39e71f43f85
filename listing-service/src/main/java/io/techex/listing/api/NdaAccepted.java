package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * The seller accepted a firm's non-disclosure agreement on a listing: from now on the firm may read the listing's
 * confidential documents. Public, so that the audit trail records to whom a seller disclosed; who accepted is the
 * event's actor.
 */
@EventType(name = "io.techex.listing.NdaAccepted", version = 1)
public record NdaAccepted(String ndaId, String listingId, String sellerOrganisationId, String firmOrganisationId)
        implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

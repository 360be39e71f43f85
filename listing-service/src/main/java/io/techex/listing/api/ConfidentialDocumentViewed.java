package io.techex.listing.api;

import io.techex.contracts.EventType;
import io.techex.contracts.PublicEvent;

/**
 * Someone other than the seller read a confidential document of a listing: a firm under an accepted NDA, or the
 * operator checking ownership evidence. Public, so that the audit trail answers "who saw the confidential part, and
 * which version of it"; the person is the event's actor.
 *
 * @param sha256 the digest of the content served, so that a dispute can establish exactly what was disclosed
 */
@EventType(name = "io.techex.listing.ConfidentialDocumentViewed", version = 1)
public record ConfidentialDocumentViewed(String listingId, String documentId, String sha256, String viewerOrganisationId)
        implements PublicEvent {

    @Override
    public String assetId() {
        return listingId;
    }
}

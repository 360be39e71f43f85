package io.techex.listing.document;

import io.techex.listing.catalogue.ListingDocument.Visibility;
import jakarta.annotation.Nullable;

import java.time.Instant;

/**
 * A listing's document as clients see it: what it is, not its content ({@code GET .../documents/{documentId}}).
 *
 * @param attachedAt when the listing recorded it; null in the upload's own answer, which comes before the record is read
 */
public record DocumentView(String documentId, String listingId, String name, String mediaType, String sha256,
                           long sizeBytes, Visibility visibility, @Nullable Instant attachedAt) {
}

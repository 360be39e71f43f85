package io.techex.listing.catalogue;

/**
 * A document attached to a listing, described by what the HTTP layer stored.
 *
 * @param sha256 lower-case hex digest of the content, so that a document can be shown unchanged later
 */
public record ListingDocument(String documentId, String name, String mediaType, String sha256, long sizeBytes,
                              Visibility visibility) {

    public enum Visibility {
        /** Anyone who can see the listing may read it. */
        PUBLIC,
        /** The seller, the operator and, later, parties under NDA only. */
        CONFIDENTIAL
    }
}

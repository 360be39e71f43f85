package io.techex.listing.disclosure;

/** Internal, as {@link NdaRequested}: a decline discloses nothing. */
public record NdaDeclined(String ndaId, String listingId, String reason) {
}

package io.techex.listing.disclosure;

import jakarta.annotation.Nullable;

import java.time.Instant;

/**
 * An NDA as its two parties see it.
 *
 * @param requestedBy   the person who asked, on behalf of the firm
 * @param declineReason the seller's reason, while {@code status} is DECLINED
 * @param decidedBy     the seller's person who accepted or declined; null while REQUESTED
 */
public record NdaView(String ndaId, String listingId, String sellerOrganisationId, String firmOrganisationId,
                      NdaStatus status, @Nullable String message, @Nullable String declineReason, String requestedBy,
                      Instant requestedAt, @Nullable String decidedBy, @Nullable Instant decidedAt) {
}

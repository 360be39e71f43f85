package io.techex.listing.enquiry;

import jakarta.annotation.Nullable;

import java.time.Instant;

/**
 * An enquiry as its firm and the listing's seller see it.
 *
 * @param askedBy    the firm's person who made it
 * @param answer     the seller's answer to a question; null until answered, and always for an INTEREST
 * @param answeredBy the seller's person who answered
 */
public record EnquiryView(String enquiryId, String listingId, String sellerOrganisationId, String firmOrganisationId,
                          EnquiryKind kind, String message, String askedBy, Instant askedAt, @Nullable String answer,
                          @Nullable String answeredBy, @Nullable Instant answeredAt) {
}

package io.techex.listing.enquiry;

/** Internal: an enquiry is between the firm and the seller. */
public record EnquiryMade(String enquiryId, String listingId, String sellerOrganisationId, String firmOrganisationId,
                          EnquiryKind kind, String message) {
}

package io.techex.listing.enquiry;

/** Internal, as {@link EnquiryMade}. */
public record EnquiryAnswered(String enquiryId, String listingId, String answer) {
}

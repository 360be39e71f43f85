package io.techex.listing.enquiry;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A firm asks a question about a listing, or registers its interest in it.
 *
 * @param sellerOrganisationId the listing's seller as the catalogue knows it; the one who sees and answers it
 * @param message              1 to {@value Enquiry#MAX_TEXT} characters
 */
public record MakeEnquiry(@TargetAggregateIdentifier String enquiryId, String listingId, String sellerOrganisationId,
                          String firmOrganisationId, EnquiryKind kind, String message) {
}

package io.techex.listing.enquiry;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller answers a firm's question. */
public record AnswerEnquiry(@TargetAggregateIdentifier String enquiryId, String organisationId, String answer) {
}

package io.techex.listing.enquiry;

/** What a firm's enquiry is. */
public enum EnquiryKind {
    /** The seller may answer it, once. */
    QUESTION,
    /** The firm wants the seller to know it is a prospective buyer; one per firm and listing. */
    INTEREST
}

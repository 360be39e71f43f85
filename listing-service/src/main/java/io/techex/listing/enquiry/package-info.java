/**
 * Expressions of interest: a firm asks the seller a question about a listing on the market, or registers its
 * interest; the seller sees every enquiry on its listings and answers questions. Each enquiry is a small
 * event-sourced {@link io.techex.listing.enquiry.Enquiry}, so what was asked and answered, by whom and when, stays
 * in the event store for a regulator to audit, rather than in a table anyone could update.
 */
package io.techex.listing.enquiry;

package io.techex.listing.catalogue;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * The seller puts its verified listing on the market.
 *
 * @param at when, as the server's clock says; IP titles expired by then cannot be published
 */
public record PublishListing(@TargetAggregateIdentifier String listingId, String organisationId, Instant at) {
}

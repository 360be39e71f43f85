package io.techex.listing.catalogue;

/** Internal: bidding-service, which started the negotiation, needs no word of it back. */
public record ListingUnderNegotiation(String listingId, String negotiationId) {
}

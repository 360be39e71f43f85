/**
 * Matching the two sides of the market: every open need scored against every open listing, as either changes, by
 * event, never in a batch. The score ({@link io.techex.listing.matching.Scorer}) combines text similarity in Vietnamese
 * and English (PostgreSQL full text on unaccented text, weighted by rarity), IPC, readiness, deal type, territory and
 * price within the budget, each with its reason. {@link io.techex.listing.matching.MatchingProjection} keeps the read
 * model (processor {@code listing-matching}, rebuilt by replay); {@link io.techex.listing.matching.MatchingPolicy}
 * (processor {@code matching-policy}, never replayed) announces the best as {@link io.techex.listing.api.MatchFound}.
 */
package io.techex.listing.matching;

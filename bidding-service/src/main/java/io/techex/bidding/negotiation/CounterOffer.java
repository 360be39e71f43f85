package io.techex.bidding.negotiation;

import io.techex.bidding.api.DealTerms;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The party whose turn it is answers the offer on the table with other terms. */
public record CounterOffer(@TargetAggregateIdentifier String negotiationId, String organisationId, DealTerms terms,
                           Instant validUntil, Instant at) {
}

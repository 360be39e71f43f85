package io.techex.listing.need;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The operator takes an abusive need off the market, saying why. */
public record TakeDownNeed(@TargetAggregateIdentifier String needId, String reason) {
}

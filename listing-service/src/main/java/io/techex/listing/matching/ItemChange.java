package io.techex.listing.matching;

import io.techex.listing.api.MatchKind;

import java.util.function.UnaryOperator;

/**
 * What an event changes of one item: {@code change} takes the item as matching holds it (null if it has not heard of it)
 * and gives it back changed (null: nothing to hold). Its terms are computed again by {@link Matchmaker} if its words
 * changed.
 */
record ItemChange(MatchKind kind, String itemId, UnaryOperator<MatchItem> change) {
}

package io.techex.listing.api;

/**
 * One component of a match's score and why it is what it is.
 *
 * @param kind   TEXT, IPC, TRL, DEAL_TYPE, TERRITORY or PRICE
 * @param score  the component's value, 0 to 1
 * @param weight its share of the match's score; the score is the sum of score × weight over the reasons
 * @param detail in words, e.g. {@code C02F matches C02F 1/28}
 */
public record MatchReason(String kind, double score, double weight, String detail) {
}

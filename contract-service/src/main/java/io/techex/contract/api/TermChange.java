package io.techex.contract.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One term an amendment changed, with its value before and after in the same JSON form as in {@link ContractTerms}
 * (dates ISO-8601, amounts as decimal strings with their currency).
 *
 * @param field  the term's path in the terms, e.g. {@code termStart}, {@code royalty.ratePercent},
 *               {@code milestones[pilot].payment}; a part present on one side only (a royalty added, a milestone
 *               removed) is one change of the whole part
 * @param before absent when the term was not set
 * @param after  absent when the amendment removed it
 */
public record TermChange(String field, JsonNode before, JsonNode after) {

    public TermChange {
        // absent, not JSON null: a reader that maps JSON null to a null node (the event store's) reads back the same
        before = absentIfNull(before);
        after = absentIfNull(after);
    }

    private static JsonNode absentIfNull(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? null : value;
    }
}

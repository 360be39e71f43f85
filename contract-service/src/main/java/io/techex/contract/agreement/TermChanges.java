package io.techex.contract.agreement;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.techex.contract.api.ContractTerms;
import io.techex.contract.api.TermChange;
import io.techex.contracts.EventJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What an amendment changed, term by term, for the trail ({@link io.techex.contract.api.ContractAmended}). The terms
 * are compared in their JSON form, the one the events carry, so a change reads as the terms do. Objects present on both
 * sides (the royalty, the price) are compared field by field; milestones are matched by their id; anything present on
 * one side only is one change of the whole.
 */
final class TermChanges {

    private static final String MILESTONES = "milestones";

    private TermChanges() {
    }

    /** The events' JSON form, with absent terms kept as nulls so that both sides list every term in its order. */
    private static final ObjectMapper EVERY_TERM = EventJson.mapper().copy()
            .setDefaultPropertyInclusion(JsonInclude.Include.ALWAYS);

    static List<TermChange> between(ContractTerms before, ContractTerms after) {
        List<TermChange> changes = new ArrayList<>();
        compare("", EVERY_TERM.valueToTree(before), EVERY_TERM.valueToTree(after), changes);
        return changes;
    }

    private static void compare(String path, JsonNode before, JsonNode after, List<TermChange> changes) {
        before = before == null || before.isNull() ? null : before;
        after = after == null || after.isNull() ? null : after;
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null && after != null && before.isObject() && after.isObject() && !isMoney(before)) {
            Set<String> fields = new LinkedHashSet<>();
            before.fieldNames().forEachRemaining(fields::add);
            after.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                compare(path.isEmpty() ? field : path + "." + field, before.get(field), after.get(field), changes);
            }
        } else if (path.equals(MILESTONES) && before != null && after != null) {
            compareMilestones(before, after, changes);
        } else {
            changes.add(new TermChange(path, withoutNulls(before), withoutNulls(after)));
        }
    }

    /** A whole part as the events write it: without its absent terms. */
    private static JsonNode withoutNulls(JsonNode value) {
        if (value == null || !value.isContainerNode()) {
            return value;
        }
        JsonNode copy = value.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.properties().removeIf(field -> field.getValue().isNull());
        }
        node.forEach(TermChanges::strip);
    }

    /** By id; when only their order changed, the order is the change. */
    private static void compareMilestones(JsonNode before, JsonNode after, List<TermChange> changes) {
        Map<String, JsonNode> was = byId(before);
        Map<String, JsonNode> is = byId(after);
        Set<String> ids = new LinkedHashSet<>(was.keySet());
        ids.addAll(is.keySet());
        int found = changes.size();
        for (String id : ids) {
            compare(MILESTONES + "[" + id + "]", was.get(id), is.get(id), changes);
        }
        if (changes.size() == found) {
            changes.add(new TermChange(MILESTONES, before, after));
        }
    }

    private static Map<String, JsonNode> byId(JsonNode milestones) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        milestones.forEach(milestone -> byId.put(milestone.path("milestoneId").asText(), milestone));
        return byId;
    }

    /** An amount and its currency are one term: "1500000000 VND" becoming "1800000000 VND" is one change. */
    private static boolean isMoney(JsonNode node) {
        return node.size() == 2 && node.has("amount") && node.has("currency");
    }
}

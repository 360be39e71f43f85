package io.techex.launcher.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reading an OpenAPI 3.1 schema as springdoc writes it: {@code $ref}s inlined (a nullable one, {@code anyOf} it and
 * {@code null}, as what it refers to), and the few facts the fuzzer needs.
 */
final class Schema {

    /** Deeper than any of the services' bodies; a guard against recursive components. */
    private static final int MAX_DEPTH = 12;

    private Schema() {
    }

    static JsonNode resolve(JsonNode schema, JsonNode components) {
        return resolve(schema, components, 0);
    }

    private static JsonNode resolve(JsonNode schema, JsonNode components, int depth) {
        if (schema == null || schema.isMissingNode() || schema.isNull() || depth > MAX_DEPTH) {
            return MissingNode.getInstance();
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return resolve(components.path(ref.substring(ref.lastIndexOf('/') + 1)), components, depth + 1);
        }
        if (schema.path("anyOf").size() == 2 && schema.path("anyOf").findValuesAsText("type").contains("null")) {
            // a nullable reference, as the services document one: what it refers to
            for (JsonNode member : schema.path("anyOf")) {
                if (!member.path("type").asText().equals("null")) {
                    return resolve(member, components, depth + 1);
                }
            }
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "properties" -> {
                    ObjectNode properties = copy.putObject("properties");
                    field.getValue().fields().forEachRemaining(p -> properties.set(p.getKey(), resolve(p.getValue(), components, depth + 1)));
                }
                case "items" -> copy.set("items", resolve(field.getValue(), components, depth + 1));
                default -> copy.set(field.getKey(), field.getValue());
            }
        }
        return copy;
    }

    /** The JSON type the schema declares ({@code object} where it only has properties, {@code string} where nothing). */
    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isTextual()) {
            return type.asText();
        }
        if (type.isArray() && !type.isEmpty()) {
            return type.get(0).asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    static String format(JsonNode schema) {
        return schema.path("format").asText("");
    }

    /** Money or a percentage: an exact decimal written as a string ({@code Amount}, {@code Percent}). */
    static boolean isDecimal(JsonNode schema) {
        return format(schema).equals("decimal");
    }

    static boolean isEnum(JsonNode schema) {
        return schema.path("enum").isArray() && !schema.path("enum").isEmpty();
    }

    static Set<String> required(JsonNode schema) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        return required;
    }

    static JsonNode property(JsonNode schema, String name) {
        return schema.path("properties").path(name);
    }
}

package io.techex.launcher.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.techex.launcher.fuzz.FuzzCase.Expect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.techex.launcher.fuzz.FuzzCase.Expect.REJECT;
import static io.techex.launcher.fuzz.FuzzCase.Expect.TOLERATE;

/**
 * Bad requests for one operation, derived from its OpenAPI schema and a valid-looking request (real path ids, a body
 * the service would accept): each case breaks one thing of that request, so that it gets as far into the service
 * as its fault allows. Which of the optional variants a field gets is drawn from a seeded {@link Random}, so a seed
 * always yields the same requests.
 */
final class BadInputs {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String HUGE = "Điều trị nước thải ".repeat(100_000 / 19 + 1).substring(0, 100_000);
    /** Above the 10 MiB a document may have. */
    static final int OVERSIZED_DOCUMENT = 10 * 1024 * 1024 + 1;

    /** Strings that are valid text in some script, or a classic injection: a service may store them as given. */
    static final Map<String, String> ODD_TEXT = ordered(
            "combining marks", "e" + "\u0301\u0302\u0303\u0304\u0323".repeat(40),
            "RTL override", "\u202Egnp.exe\u202C \u05E9\u05DC\u05D5\u05DD \u0645\u0631\u062D\u0628\u0627",
            "emoji ZWJ sequence", "\uD83D\uDC69\u200D\uD83D\uDD2C\uD83C\uDDFB\uD83C\uDDF3 \uD83D\uDE00",
            "zero-width and BOM", "\uFEFF\u200B\u200C\u200D",
            "SQL-ish", "x'); DROP TABLE listing_summary; -- ' OR '1'='1",
            "path traversal", "../../../../etc/passwd",
            "empty", "",
            "blanks", " \t ");
    /** Raw JSON string tokens (with escapes) no text field should accept: NUL cannot go into PostgreSQL text, lone surrogates are no Unicode. */
    static final Map<String, String> BROKEN_TEXT = ordered(
            "NUL", "\"a\\u0000b\"",
            "lone high surrogate", "\"a\\ud800b\"",
            "lone low surrogate", "\"\\udc00\"",
            "reversed surrogate pair", "\"\\ude00\\ud83d\"");
    /** Raw JSON numbers and strings in place of a number. */
    static final Map<String, String> BAD_NUMBERS = ordered(
            "negative -1", "-1",
            "negative \"-1\"", "\"-1\"",
            "1e400", "1e400",
            "-1e400", "-1e400",
            "\"1e400\"", "\"1e400\"",
            "\"NaN\"", "\"NaN\"",
            "NaN unquoted", "NaN",
            "\"Infinity\"", "\"Infinity\"",
            "not a number", "\"abc\"");
    static final Map<String, String> ODD_NUMBERS = ordered(
            "0.0000001", "0.0000001",
            "1e-400", "1e-400",
            "zero", "0",
            "absurd 1e30", "1000000000000000000000000000000",
            "2^31", "2147483648",
            "1.5", "1.5");

    private final ApiOperation operation;
    private final FuzzTarget target;
    private final Random random;
    private final List<FuzzCase> cases = new ArrayList<>();

    private BadInputs(ApiOperation operation, FuzzTarget target, Random random) {
        this.operation = operation;
        this.target = target;
        this.random = random;
    }

    static List<FuzzCase> of(ApiOperation operation, FuzzTarget target, Random random) {
        BadInputs inputs = new BadInputs(operation, target, random);
        inputs.pathVariables();
        inputs.queryParameters();
        if (target.jsonBody() != null) {
            inputs.wholeBody();
            inputs.fields(target.jsonBody(), operation.bodySchema(), "");
        } else if (target.binaryBody() != null) {
            inputs.binaryBody();
        } else if (operation.parameters().stream().noneMatch(p -> p.in().equals("path") || p.in().equals("query"))) {
            inputs.nothingDeclared();
        }
        return inputs.cases;
    }

    // ---- path variables

    private void pathVariables() {
        for (ApiOperation.Parameter variable : operation.in("path")) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("not-a-uuid", enc("not-a-uuid"));
            values.put("negative number", enc("-1"));
            values.put("huge number", enc("99999999999999999999999999"));
            values.put("nil UUID", enc("00000000-0000-0000-0000-000000000000"));
            values.put("SQL-ish", enc("1' OR '1'='1'; DROP TABLE domain_event_entry; --"));
            values.put("path traversal, encoded", enc("../../../etc/passwd"));
            values.put("path traversal, raw", "../../actuator/env");
            values.put("NUL, encoded", "%00");
            values.put("unicode", enc("Đại-học-\u202E-\uD83D\uDE00"));
            values.put("5000 chars", enc("x".repeat(5000)));
            values.put("UUID with trailing garbage", enc(target.pathValues().getOrDefault(variable.name(), "x") + "x"));
            values.forEach((label, value) -> add("path " + variable.name() + ": " + label, REJECT,
                    target.path(operation.path(), Map.of(variable.name(), value)) + target.query(Map.of()),
                    target.jsonBody() == null ? null : "application/json", target.jsonBody() == null ? null : bytes(target.jsonBody())));
        }
    }

    // ---- query parameters

    private void queryParameters() {
        for (ApiOperation.Parameter parameter : operation.in("query")) {
            Expect ifAccepted = target.freeQueryParameters().contains(parameter.name()) ? TOLERATE : REJECT;
            if (parameter.required()) {
                Map<String, String> without = new LinkedHashMap<>();
                without.put(parameter.name(), null);
                addQuery("query " + parameter.name() + ": missing (required)", REJECT, without);
            }
            JsonNode schema = parameter.schema();
            boolean array = Schema.type(schema).equals("array");
            JsonNode item = array ? schema.path("items") : schema;
            Map<String, String> values = new LinkedHashMap<>();
            if (Schema.isEnum(item)) {
                values.put("invalid enum", "NOT_A_VALUE");
                values.put("enum in lower case", item.path("enum").get(0).asText().toLowerCase());
            }
            switch (Schema.type(item)) {
                case "integer" -> {
                    values.put("not a number", "abc");
                    values.put("negative", "-1");
                    values.put("zero", "0");
                    values.put("2^31", "2147483648");
                    values.put("huge", "99999999999999999999999999");
                    values.put("fraction", "1.5");
                    values.put("exponent", "1e3");
                }
                case "number" -> {
                    values.put("not a number", "abc");
                    values.put("negative", "-1");
                    values.put("1e400", "1e400");
                    values.put("NaN", "NaN");
                    values.put("Infinity", "Infinity");
                    values.put("0.0000001", "0.0000001");
                }
                case "boolean" -> values.put("not a boolean", "maybe");
                default -> {
                }
            }
            switch (Schema.format(item)) {
                case "uuid" -> values.put("not a uuid", "not-a-uuid");
                case "date" -> {
                    values.put("not a date", "not-a-date");
                    values.put("30 February", "2027-02-30");
                    values.put("year 99999", "+99999-12-31");
                }
                case "date-time" -> {
                    values.put("not a date-time", "yesterday");
                    values.put("25:61", "2027-01-01T25:61:00Z");
                    values.put("date only", "2027-01-01");
                }
                default -> {
                }
            }
            values.put("SQL-ish", "1' OR '1'='1'; --");
            values.put("path traversal", "../../../etc/passwd");
            values.put("NUL", "a\u0000b");
            values.put("unicode", "Đại học \u202E \uD83D\uDE00 e\u0301\u0301");
            values.put("lone surrogate", "\uD800");
            values.put("6000 chars", "x".repeat(6000));
            values.put("empty", "");
            values.forEach((label, value) -> {
                boolean textual = Schema.type(item).equals("string") && !Schema.isEnum(item) && Schema.format(item).isEmpty();
                Map<String, String> query = new LinkedHashMap<>();
                query.put(parameter.name(), value);
                addQuery("query " + parameter.name() + ": " + label, textual ? ifAccepted : REJECT, query);
            });
            if (array) {
                Map<String, String> repeated = new LinkedHashMap<>();
                repeated.put(parameter.name(), String.join(",", List.of("NOT_A_VALUE", "x".repeat(50), "")));
                addQuery("query " + parameter.name() + ": list with bad items", REJECT, repeated);
            }
        }
        if (!operation.in("query").isEmpty() || !target.query(Map.of()).isEmpty()) {
            Map<String, String> unknown = new LinkedHashMap<>();
            unknown.put("notDeclared", "x' OR 1=1 --");
            addQuery("query: an undeclared parameter", TOLERATE, unknown);
        }
    }

    private void addQuery(String name, Expect expect, Map<String, String> query) {
        add(name, expect, target.path(operation.path(), Map.of()) + target.query(query),
                target.jsonBody() != null ? "application/json" : target.binaryBody() != null ? "application/pdf" : null,
                target.jsonBody() != null ? bytes(target.jsonBody()) : target.binaryBody());
    }

    // ---- the body as a whole

    private void wholeBody() {
        Map<String, String> malformed = ordered(
                "truncated object", "{",
                "truncated member", "{\"a\":",
                "trailing garbage", bodyText(target.jsonBody()) + "}",
                "single quotes", "{'a': 1}",
                "comment", "/* x */ {}",
                "bare word", "nul",
                "JSON array", "[]",
                "JSON string", "\"text\"",
                "JSON number", "42",
                "JSON true", "true",
                "NaN member", "{\"x\": NaN}",
                "nested 5000 deep", "[".repeat(5000) + "]".repeat(5000),
                "object nested 5000 deep", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000));
        malformed.forEach((label, text) -> add("body: " + label, REJECT, pathAndQuery(), "application/json",
                text.getBytes(StandardCharsets.UTF_8)));
        // no body at all is a valid request where the body is optional (an optional reason, an optional message)
        add("body: empty", operation.bodyRequired() ? REJECT : TOLERATE, pathAndQuery(), "application/json", new byte[0]);
        add("body: JSON null", operation.bodyRequired() ? REJECT : TOLERATE, pathAndQuery(), "application/json",
                "null".getBytes(StandardCharsets.UTF_8));
        byte[] invalidUtf8 = concat("{\"x\": \"".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                "\"}".getBytes(StandardCharsets.UTF_8));
        add("body: invalid UTF-8 bytes", REJECT, pathAndQuery(), "application/json", invalidUtf8);
        add("body: {} (every field missing)", Schema.required(operation.bodySchema()).isEmpty() ? TOLERATE : REJECT,
                pathAndQuery(), "application/json", "{}".getBytes(StandardCharsets.UTF_8));
        for (String contentType : new String[]{"text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", null}) {
            add("body: Content-Type " + contentType, REJECT, pathAndQuery(), contentType, bytes(target.jsonBody()));
        }
        add("body: JSON declared as ISO-8859-1", TOLERATE, pathAndQuery(), "application/json; charset=ISO-8859-1", bytes(target.jsonBody()));
        if (target.jsonBody().isObject()) {
            ObjectNode extra = target.jsonBody().deepCopy();
            extra.put("notDeclared", "x");
            extra.putObject("__proto__").put("admin", true);
            add("body: undeclared fields", TOLERATE, pathAndQuery(), "application/json", bytes(extra));
        }
        add("header Idempotency-Key: 1000 chars, SQL-ish", TOLERATE, pathAndQuery(), "application/json", bytes(target.jsonBody()),
                Map.of("Idempotency-Key", "k' OR 1=1 --" + "k".repeat(1000)));
    }

    // ---- each field of the body

    /** Mutates every field under {@code prefix}: {@code node} is the seed's value there, {@code schema} what the document says of it. */
    private void fields(JsonNode node, JsonNode schema, String prefix) {
        if (node.isObject()) {
            Set<String> required = Schema.required(schema);
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            schema.path("properties").fieldNames().forEachRemaining(name -> {
                if (!names.contains(name)) {
                    names.add(name);
                }
            });
            for (String name : names) {
                String path = prefix.isEmpty() ? name : prefix + "." + name;
                JsonNode fieldSchema = Schema.property(schema, name);
                boolean isRequired = required.contains(name);
                if (node.has(name)) {
                    addBody(path + ": missing" + (isRequired ? " (required)" : ""), isRequired ? REJECT : TOLERATE, path, null);
                    addRawBody(path + ": null" + (isRequired ? " (required)" : ""), isRequired ? REJECT : TOLERATE, path, "null");
                    value(node.get(name), fieldSchema, path);
                } else if (!fieldSchema.isMissingNode()) {
                    // declared but not in the seed, which holds every field a service reads: the document declares
                    // it wrongly (reported apart), and the service ignores it as any unknown field
                    ignoredField(fieldSchema, path);
                }
            }
        } else if (node.isArray()) {
            addRawBody(prefix + ": empty array", TOLERATE, prefix, "[]");
            addRawBody(prefix + ": array of nulls", REJECT, prefix, "[null, null]");
            if (!node.isEmpty()) {
                ArrayNode many = JSON.arrayNode();
                for (int i = 0; i < 2000; i++) {
                    many.add(node.get(0));
                }
                addBody(prefix + ": 2000 copies of its first item", TOLERATE, prefix, many);
                value(node.get(0), schema.path("items"), prefix + "[0]");
            }
        }
    }

    /** Bad values for one field whose seed value is {@code seed} (null: not in the seed) and schema {@code schema}. */
    private void value(JsonNode seed, JsonNode schema, String path) {
        String type = seed != null && seed.isObject() ? "object" : seed != null && seed.isArray() ? "array" : Schema.type(schema);
        switch (type) {
            case "object" -> {
                addRawBody(path + ": string instead of object", REJECT, path, "\"x\"");
                addRawBody(path + ": number instead of object", REJECT, path, "1");
                addRawBody(path + ": array instead of object", REJECT, path, "[]");
                if (seed != null) {
                    fields(seed, schema, path);
                }
                return;
            }
            case "array" -> {
                addRawBody(path + ": string instead of array", REJECT, path, "\"x\"");
                addRawBody(path + ": object instead of array", REJECT, path, "{}");
                if (seed != null) {
                    fields(seed, schema, path);
                }
                return;
            }
            case "number", "integer" -> {
                BAD_NUMBERS.forEach((label, raw) -> addRawBody(path + ": " + label, REJECT, path, raw));
                addRawBody(path + ": object instead of number", REJECT, path, "{}");
                addRawBody(path + ": array instead of number", REJECT, path, "[1]");
                addRawBody(path + ": boolean instead of number", REJECT, path, "true");
                pick(ODD_NUMBERS, 3).forEach((label, raw) -> addRawBody(path + ": " + label, TOLERATE, path, raw));
                return;
            }
            case "boolean" -> {
                addRawBody(path + ": string instead of boolean", REJECT, path, "\"maybe\"");
                addRawBody(path + ": object instead of boolean", REJECT, path, "{}");
                addRawBody(path + ": number instead of boolean", TOLERATE, path, "1");
                return;
            }
            default -> {
            }
        }
        // a string: an enum, a formatted value or free text
        addRawBody(path + ": object instead of string", REJECT, path, "{\"a\": 1}");
        addRawBody(path + ": array instead of string", REJECT, path, "[\"a\"]");
        // Jackson reads a number as an enum's index, a date's epoch day or an instant's epoch second: only an
        // enum index out of range is certainly wrong
        // money is a decimal string and never a JSON number, which a reader may already have rounded
        addRawBody(path + ": number instead of string", Schema.isEnum(schema) || Schema.isDecimal(schema) ? REJECT : TOLERATE,
                path, "12345");
        if (Schema.isEnum(schema)) {
            addRawBody(path + ": invalid enum", REJECT, path, "\"NOT_A_VALUE\"");
            addRawBody(path + ": empty enum", REJECT, path, "\"\"");
            // the services trim enum names (String.trim drops control characters), so this one reads as the enum
            addRawBody(path + ": enum with trailing NUL", TOLERATE, path, "\"" + schema.path("enum").get(0).asText() + "\\u0000\"");
            return;
        }
        switch (Schema.format(schema)) {
            case "uuid" -> {
                addRawBody(path + ": not a uuid", REJECT, path, "\"not-a-uuid\"");
                addRawBody(path + ": SQL-ish uuid", REJECT, path, "\"' OR '1'='1\"");
                return;
            }
            case "date" -> {
                addRawBody(path + ": not a date", REJECT, path, "\"not-a-date\"");
                addRawBody(path + ": 30 February", REJECT, path, "\"2027-02-30\"");
                addRawBody(path + ": year +999999999", REJECT, path, "\"+999999999-12-31\"");
                addRawBody(path + ": year -999999999", REJECT, path, "\"-999999999-01-01\"");
                return;
            }
            case "date-time" -> {
                addRawBody(path + ": not a date-time", REJECT, path, "\"yesterday\"");
                addRawBody(path + ": 25:61", REJECT, path, "\"2027-01-01T25:61:00Z\"");
                addRawBody(path + ": year +999999999", REJECT, path, "\"+999999999-12-31T23:59:59Z\"");
                addRawBody(path + ": year -999999999", REJECT, path, "\"-999999999-01-01T00:00:00Z\"");
                return;
            }
            default -> {
            }
        }
        String field = path.substring(path.lastIndexOf('.') + 1).replaceAll("\\[\\d+]", "").toLowerCase();
        if (seed != null && seed.isNumber() || Schema.isDecimal(schema)
                || field.matches(".*(amount|price|lumpsum|percent|royalty|increment)")) {
            // money carried as a string ("amount": "1500000000"): the number cases apply too
            BAD_NUMBERS.forEach((label, raw) -> addRawBody(path + ": " + label, REJECT, path, raw));
        }
        addBody(path + ": 100k chars", TOLERATE, path, JSON.textNode(HUGE));
        BROKEN_TEXT.forEach((label, raw) -> addRawBody(path + ": " + label, REJECT, path, raw));
        pick(ODD_TEXT, 3).forEach((label, text) -> addBody(path + ": " + label, TOLERATE, path, JSON.textNode(text)));
    }

    private void ignoredField(JsonNode schema, String path) {
        JsonNode body = target.jsonBody().deepCopy();
        put(body, path, JSON.objectNode().put("declared", Schema.type(schema)));
        add(path + ": bad value for a declared field the service does not read", TOLERATE, pathAndQuery(), "application/json", bytes(body));
    }

    // ---- bodies that are not JSON, operations with nothing declared

    private void binaryBody() {
        add("body: empty document", TOLERATE, pathAndQuery(), "application/pdf", new byte[0]);
        add("body: 10 MiB + 1 byte", REJECT, pathAndQuery(), "application/pdf", new byte[OVERSIZED_DOCUMENT]);
    }

    private void nothingDeclared() {
        Map<String, String> unknown = new LinkedHashMap<>();
        unknown.put("notDeclared", "a\u0000b' OR 1=1 --");
        addQuery("query: an undeclared parameter with NUL", TOLERATE, unknown);
        add("body: malformed JSON on an operation without a body", TOLERATE, pathAndQuery(), "application/json",
                "{\"x\":".getBytes(StandardCharsets.UTF_8));
    }

    // ---- building requests

    private String pathAndQuery() {
        return target.path(operation.path(), Map.of()) + target.query(Map.of());
    }

    /** The seed body with {@code value} at {@code path} ({@code null}: the field removed). */
    private void addBody(String name, Expect expect, String path, JsonNode value) {
        JsonNode body = target.jsonBody().deepCopy();
        put(body, path, value);
        add(name, expect, pathAndQuery(), "application/json", bytes(body));
    }

    /** The seed body with the raw JSON text {@code raw} at {@code path} (escapes and numbers Jackson would not write). */
    private void addRawBody(String name, Expect expect, String path, String raw) {
        JsonNode body = target.jsonBody().deepCopy();
        String marker = "RAW§" + cases.size() + "§";
        if (path.isEmpty()) {
            add(name, expect, pathAndQuery(), "application/json", raw.getBytes(StandardCharsets.UTF_8));
            return;
        }
        put(body, path, JSON.textNode(marker));
        String text = bodyText(body).replace("\"" + marker + "\"", raw);
        add(name, expect, pathAndQuery(), "application/json", text.getBytes(StandardCharsets.UTF_8));
    }

    private void add(String name, Expect expect, String pathAndQuery, String contentType, byte[] body) {
        add(name, expect, pathAndQuery, contentType, body, Map.of());
    }

    private void add(String name, Expect expect, String pathAndQuery, String contentType, byte[] body, Map<String, String> headers) {
        cases.add(new FuzzCase(operation, name, expect, pathAndQuery, contentType, body, headers));
    }

    /** Sets (or, for {@code null}, removes) the value at a path like {@code ipTitles[0].owners[0].sharePercent}. */
    static void put(JsonNode root, String path, JsonNode value) {
        List<Object> steps = new ArrayList<>();
        for (String part : path.split("\\.")) {
            int bracket = part.indexOf('[');
            steps.add(bracket < 0 ? part : part.substring(0, bracket));
            while (bracket >= 0) {
                int close = part.indexOf(']', bracket);
                steps.add(Integer.parseInt(part.substring(bracket + 1, close)));
                bracket = part.indexOf('[', close);
            }
        }
        JsonNode parent = root;
        for (int i = 0; i < steps.size() - 1; i++) {
            Object step = steps.get(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get((String) step);
        }
        Object last = steps.getLast();
        if (last instanceof Integer index) {
            if (value == null) {
                ((ArrayNode) parent).remove(index);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        } else if (value == null) {
            ((ObjectNode) parent).remove((String) last);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
    }

    /** {@code count} entries of {@code options}, drawn with the seeded random, in their order. */
    private <V> Map<String, V> pick(Map<String, V> options, int count) {
        List<String> keys = new ArrayList<>(options.keySet());
        java.util.Collections.shuffle(keys, random);
        Set<String> chosen = Set.copyOf(keys.subList(0, Math.min(count, keys.size())));
        Map<String, V> picked = new LinkedHashMap<>();
        options.forEach((key, value) -> {
            if (chosen.contains(key)) {
                picked.put(key, value);
            }
        });
        return picked;
    }

    static String bodyText(JsonNode body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] bytes(JsonNode body) {
        return bodyText(body).getBytes(StandardCharsets.UTF_8);
    }

    /** Percent-encodes a path segment: everything but RFC 3986's unreserved characters. */
    static String enc(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~')) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static <V> Map<String, V> ordered(Object... keysAndValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            @SuppressWarnings("unchecked") V value = (V) keysAndValues[i + 1];
            map.put((String) keysAndValues[i], value);
        }
        return map;
    }
}

package io.techex.testkit.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service's OpenAPI 3.1 document as a contract one request and its answer can be checked against: the answer's
 * status is one the operation documents, its media type one documented for that status (never {@code *}/{@code *}),
 * its JSON body valid against the documented schema with every object closed to undocumented properties (unless its
 * schema says {@code additionalProperties}); and a request the document allows is not refused as malformed (400,
 * 415). Schemas are JSON Schema 2020-12 with the OpenAPI 3.1 vocabulary, validated by networknt's validator.
 */
public final class OpenApiContract {

    /**
     * As strict as the services' reader: one JSON value and nothing after it, no member named twice; decimals kept
     * exact (1e400 too).
     */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String PROBLEM_JSON = "application/problem+json";
    /**
     * An operation extension saying why the operation may refuse a request its schemas allow (a test fixture that
     * throws what services throw); such an operation's answers are checked, its refusals are not second-guessed.
     */
    public static final String REFUSES_BEYOND_ITS_SCHEMA = "x-refuses-beyond-its-schema";
    /**
     * Stands in a decoded query parameter's name or value where its percent-encoding was broken or its bytes were not
     * UTF-8 (the decoder's replacement character): such a request is not one any document allows.
     */
    static final char UNDECODABLE = '\uFFFD';
    private static final java.util.regex.Pattern ISO_DATE = java.util.regex.Pattern.compile("([+-]?[0-9]+)-[0-9]{2}-[0-9]{2}");
    private static final java.util.regex.Pattern INTEGER = java.util.regex.Pattern.compile("-?[0-9]+");
    private static final java.util.regex.Pattern EXACT_DECIMAL = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    private final JsonNode document;
    private final List<PathTemplate> paths = new ArrayList<>();
    private final JsonSchemaFactory schemas;
    private final String responsesIri;
    private final String requestsIri;
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        this.document = document;
        document.path("paths").fieldNames().forEachRemaining(path -> paths.add(new PathTemplate(path)));
        String base = "https://techex.test/openapi/" + UUID.randomUUID();
        this.responsesIri = base + "/responses.json";
        this.requestsIri = base + "/requests.json";
        String responses = write(closed(bounded(document.deepCopy())));
        String requests = write(bounded(document.deepCopy()));
        this.schemas = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(OpenApi31.getInstance())
                .defaultMetaSchemaIri(OpenApi31.getInstance().getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(responsesIri, responses, requestsIri, requests))));
    }

    /** The contract of an OpenAPI document given as JSON text. */
    public static OpenApiContract parse(String json) {
        try {
            return new OpenApiContract(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not an OpenAPI document: " + e.getOriginalMessage(), e);
        }
    }

    /** One request and the answer it got, as the servlet filter saw them. */
    public record Exchange(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
                           String requestContentType, byte[] requestBody, int status, String responseContentType,
                           byte[] responseBody) {
    }

    /** The documented operation a request is for: {@code GET /listings/{listingId}}, empty when the document has none. */
    public Optional<String> operation(String method, String path) {
        return template(path).filter(t -> document.path("paths").path(t.template).has(method.toLowerCase(Locale.ROOT)))
                .map(t -> method.toUpperCase(Locale.ROOT) + " " + t.template);
    }

    /** Whether the operation's documented answers for 2xx are only a stream ({@code text/event-stream}). */
    public boolean streams(String method, String path) {
        return operationNode(method, path).map(operation -> {
            List<String> mediaTypes = new ArrayList<>();
            operation.path("responses").properties().stream().filter(r -> r.getKey().startsWith("2"))
                    .forEach(r -> r.getValue().path("content").fieldNames().forEachRemaining(mediaTypes::add));
            return !mediaTypes.isEmpty() && mediaTypes.stream().allMatch(m -> m.startsWith("text/event-stream"));
        }).orElse(false);
    }

    /**
     * What is wrong with the document itself, whatever the service answers: an operation without a summary or a tag
     * of its own (springdoc's default is the controller's class name), a body documented as {@code *}/{@code *} that
     * is not binary content of any type.
     */
    public List<String> lint() {
        List<String> problems = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            String operation = method.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
            JsonNode node = method.getValue();
            if (!node.isObject() || method.getKey().equals("parameters")) {
                return;
            }
            if (node.path("summary").asText("").isBlank()) {
                problems.add(operation + " has no summary");
            }
            if (node.path("tags").isEmpty()) {
                problems.add(operation + " has no tag");
            }
            node.path("tags").forEach(tag -> {
                if (tag.asText().endsWith("-controller")) {
                    problems.add(operation + " is tagged with its controller's name " + tag.asText());
                }
            });
            node.path("responses").properties().forEach(response -> {
                JsonNode any = response.getValue().path("content").path("*/*");
                if (!any.isMissingNode() && !resolve(any.path("schema")).path("format").asText().equals("binary")) {
                    problems.add(operation + " documents its " + response.getKey() + " body as */* (only content of any type, format binary, may be)");
                }
            });
        }));
        return problems;
    }

    /** What is wrong with this exchange as the document describes it; empty when it conforms. */
    public List<String> check(Exchange exchange) {
        String method = exchange.method().toLowerCase(Locale.ROOT);
        Optional<PathTemplate> template = template(exchange.path());
        List<String> problems = new ArrayList<>();
        if (template.isEmpty() || !document.path("paths").path(template.get().template).has(method)) {
            // not an operation: an unknown path or a method the path does not offer may only be refused, as a problem
            if (exchange.status() < 400) {
                problems.add("answered " + exchange.status() + " to an operation the document does not have");
            } else if (exchange.responseBody() != null && exchange.responseBody().length > 0) {
                if (exchange.responseContentType() == null || !mediaTypeOf(exchange.responseContentType()).equals(PROBLEM_JSON)) {
                    problems.add("answered " + exchange.responseContentType() + " where an error is " + PROBLEM_JSON);
                } else if (document.at("/components/schemas/Problem").isObject()) {
                    checkBody(problems, "#/components/schemas/Problem", exchange);
                }
            }
            return problems;
        }
        String pointer = "/paths/" + escape(template.get().template) + "/" + method;
        JsonNode operation = document.at(pointer);
        String status = String.valueOf(exchange.status());
        String responseKey = operation.path("responses").has(status) ? status
                : operation.path("responses").has(status.charAt(0) + "XX") ? status.charAt(0) + "XX" : null;
        if (responseKey == null) {
            problems.add("status " + status + " is not documented (documented: "
                    + String.join(", ", fieldNames(operation.path("responses"))) + ")" + problemDetail(exchange));
        } else {
            checkResponse(problems, pointer + "/responses/" + escape(responseKey), operation.path("responses").path(responseKey), exchange);
        }
        if ((exchange.status() == 400 || exchange.status() == 415) && !operation.has(REFUSES_BEYOND_ITS_SCHEMA)) {
            List<String> requestProblems = requestProblems(pointer, operation, template.get(), exchange);
            if (requestProblems.isEmpty()) {
                problems.add("refused with " + status + " a request the document allows" + problemDetail(exchange));
            }
        }
        return problems;
    }

    // ---- answers

    private void checkResponse(List<String> problems, String pointer, JsonNode response, Exchange exchange) {
        JsonNode content = response.path("content");
        boolean hasBody = exchange.responseBody() != null && exchange.responseBody().length > 0;
        if (content.isEmpty()) {
            if (hasBody) {
                problems.add("answered a body (" + exchange.responseContentType() + ") where the document says there is none");
            }
            return;
        }
        if (!hasBody) {
            if (exchange.status() != 204 && exchange.status() != 304) {
                problems.add("answered no body where the document says " + String.join(" or ", fieldNames(content)));
            }
            return;
        }
        String mediaType = documentedMediaType(content, exchange.responseContentType());
        if (mediaType == null && content.has("*/*")) {
            // any media type: right for content of any type (a document as uploaded), wrong for what is always JSON
            if (isJson(exchange.responseContentType())) {
                problems.add("documents its body as */*, not its real media type " + exchange.responseContentType());
            }
            mediaType = "*/*";
        }
        if (mediaType == null) {
            problems.add("answered " + exchange.responseContentType() + " where the document says "
                    + String.join(" or ", fieldNames(content)));
            return;
        }
        boolean json = isJson(mediaType) || mediaType.equals("*/*") && isJson(exchange.responseContentType());
        if (json && content.path(mediaType).has("schema")) {
            checkBody(problems, "#" + pointer + "/content/" + escape(mediaType) + "/schema", exchange);
        }
    }

    /** Validates the answer's JSON body against the schema at {@code fragment} of the (closed) document. */
    private void checkBody(List<String> problems, String fragment, Exchange exchange) {
        JsonNode body;
        try {
            body = JSON.readTree(exchange.responseBody());
        } catch (Exception e) {
            problems.add("answered " + exchange.responseContentType() + " that is not JSON: " + e.getMessage());
            return;
        }
        JsonSchema schema = compiled.computeIfAbsent(responsesIri + fragment, this::compile);
        for (ValidationMessage message : schema.validate(body)) {
            problems.add("body " + message.getInstanceLocation() + ": " + message.getMessage().replaceFirst("^\\$[^:]*: ", ""));
        }
    }

    // ---- requests

    /** What makes the request one the document does not allow; empty when it allows it. */
    private List<String> requestProblems(String pointer, JsonNode operation, PathTemplate template, Exchange exchange) {
        List<String> problems = new ArrayList<>();
        exchange.query().forEach((name, values) -> {
            if (name.isEmpty()) {
                problems.add("a query parameter has no name");
            }
            values.forEach(value -> {
                if ((name + value).indexOf(UNDECODABLE) >= 0) {
                    problems.add("query parameter " + name + " cannot be decoded as percent-encoded UTF-8");
                }
                generalRules(JsonNodeFactory.instance.textNode(value), "query parameter " + name, problems);
            });
        });
        Map<String, String> pathValues = template.values(exchange.path());
        pathValues.forEach((name, value) -> generalRules(JsonNodeFactory.instance.textNode(value), "path variable " + name, problems));
        int index = 0;
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            List<String> values = switch (in) {
                case "path" -> pathValues.containsKey(name) ? List.of(pathValues.get(name)) : List.of();
                case "query" -> exchange.query().getOrDefault(name, List.of());
                case "header" -> exchange.headers().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name))
                        .map(Map.Entry::getValue).toList();
                default -> List.of();
            };
            String schemaPointer = pointer + "/parameters/" + index++ + "/schema";
            if (values.isEmpty()) {
                if (parameter.path("required").asBoolean(false)) {
                    problems.add(in + " parameter " + name + " is missing");
                }
                continue;
            }
            JsonNode value = coerce(values, resolve(parameter.path("schema")));
            JsonSchema schema = compiled.computeIfAbsent(requestsIri + "#" + schemaPointer, this::compile);
            schema.validate(value).forEach(m -> problems.add(in + " parameter " + name + ": " + m.getMessage()));
        }
        JsonNode requestBody = operation.path("requestBody");
        if (exchange.requestBody() == null) {
            // a body the filter did not read (a form the container parses itself, an error page's): cannot tell
            problems.add("the body could not be read to check it");
            return problems;
        }
        boolean hasBody = exchange.requestBody().length > 0;
        if (!hasBody) {
            if (requestBody.path("required").asBoolean(false)) {
                problems.add("the body is missing");
            }
            return problems;
        }
        if (requestBody.isMissingNode()) {
            return problems; // a body where none is read is ignored
        }
        String mediaType = documentedMediaType(requestBody.path("content"), exchange.requestContentType());
        if (mediaType == null) {
            problems.add("the body's media type " + exchange.requestContentType() + " is not documented");
            return problems;
        }
        if (isJson(mediaType) && requestBody.path("content").path(mediaType).has("schema")) {
            JsonNode body;
            try {
                body = JSON.readTree(exchange.requestBody());
            } catch (Exception e) {
                problems.add("the body is not JSON");
                return problems;
            }
            generalRules(body, "body", problems);
            String schemaPointer = pointer + "/requestBody/content/" + escape(mediaType) + "/schema";
            JsonSchema schema = compiled.computeIfAbsent(requestsIri + "#" + schemaPointer, this::compile);
            schema.validate(body).forEach(m -> problems.add("body " + m.getInstanceLocation() + ": " + m.getMessage()));
        }
        return problems;
    }

    /**
     * The rules every TechEx service keeps for any field, which its document states once in its description rather
     * than in every schema (the platform's input guard): text without NUL characters or lone surrogates, decimals of
     * at most 24 digits before the point and 12 after it, dates in the years 1000 to 9999.
     */
    private static void generalRules(JsonNode value, String where, List<String> problems) {
        if (value.isObject() || value.isArray()) {
            value.forEach(item -> generalRules(item, where, problems));
            value.fieldNames().forEachRemaining(name -> generalRules(JsonNodeFactory.instance.textNode(name), where, problems));
        } else if (value.isTextual()) {
            String text = value.asText();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
                if (c == '\u0000' || (Character.isSurrogate(c) && !pairedHigh)) {
                    problems.add(where + " holds a NUL character or a lone surrogate");
                    return;
                }
                if (pairedHigh) {
                    i++;
                }
            }
            var date = ISO_DATE.matcher(text);
            if (date.lookingAt() && (date.group(1).length() != 4 || date.group(1).startsWith("0"))) {
                problems.add(where + " holds a date outside the years 1000 to 9999");
            }
            if (EXACT_DECIMAL.matcher(text).matches()) {
                decimalDigits(new BigDecimal(text), where, problems);
            }
        } else if (value.isNumber()) {
            decimalDigits(value.decimalValue(), where, problems);
        }
    }

    private static void decimalDigits(BigDecimal number, String where, List<String> problems) {
        if (number.precision() - number.scale() > 24 || number.scale() > 12) {
            problems.add(where + " holds a decimal with more than 24 digits before the point or 12 after it");
        }
    }

    /** A parameter's text as the JSON value its schema describes (left a string where it does not parse). */
    private JsonNode coerce(List<String> values, JsonNode schema) {
        String type = type(schema);
        if (type.equals("array")) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            JsonNode items = resolve(schema.path("items"));
            for (String value : values) {
                // Spring splits a single comma-separated value into a list's items
                for (String item : values.size() == 1 ? Arrays.asList(value.split(",", -1)) : List.of(value)) {
                    array.add(coerce(List.of(item), items));
                }
            }
            return array;
        }
        String value = values.getFirst();
        try {
            return switch (type) {
                // as a query string writes them: digits, within the format's range; a plain decimal
                case "integer" -> INTEGER.matcher(value).matches() && fits(new java.math.BigInteger(value), schema.path("format").asText())
                        ? JsonNodeFactory.instance.numberNode(new java.math.BigInteger(value)) : JsonNodeFactory.instance.textNode(value);
                case "number" -> EXACT_DECIMAL.matcher(value).matches()
                        ? JsonNodeFactory.instance.numberNode(new BigDecimal(value)) : JsonNodeFactory.instance.textNode(value);
                case "boolean" -> value.equals("true") || value.equals("false")
                        ? JsonNodeFactory.instance.booleanNode(Boolean.parseBoolean(value)) : JsonNodeFactory.instance.textNode(value);
                default -> JsonNodeFactory.instance.textNode(value);
            };
        } catch (NumberFormatException | ArithmeticException notANumber) {
            return JsonNodeFactory.instance.textNode(value);
        }
    }

    private static boolean fits(java.math.BigInteger value, String format) {
        return switch (format) {
            case "int32" -> value.bitLength() < 32;
            case "int64" -> value.bitLength() < 64;
            default -> true;
        };
    }

    private JsonNode resolve(JsonNode schema) {
        for (int depth = 0; schema.has("$ref") && depth < 10; depth++) {
            schema = document.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.asText("string");
    }

    // ---- shared

    private JsonSchema compile(String location) {
        return schemas.getSchema(SchemaLocation.of(location), CONFIG);
    }

    private Optional<JsonNode> operationNode(String method, String path) {
        return template(path).map(t -> document.path("paths").path(t.template).path(method.toLowerCase(Locale.ROOT)))
                .filter(node -> !node.isMissingNode());
    }

    /** The documented path template a request path matches, literal segments winning over variables. */
    private Optional<PathTemplate> template(String path) {
        String[] segments = segments(path);
        PathTemplate best = null;
        for (PathTemplate candidate : paths) {
            if (candidate.matches(segments) && (best == null || candidate.literals > best.literals)) {
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    private static String documentedMediaType(JsonNode content, String actual) {
        if (actual == null) {
            return null;
        }
        String type = mediaTypeOf(actual);
        for (String documented : fieldNames(content)) {
            if (mediaTypeOf(documented).equals(type)) {
                return documented;
            }
        }
        return null;
    }

    private static String mediaTypeOf(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String mediaType) {
        String type = mediaTypeOf(mediaType);
        return type.equals("application/json") || type.endsWith("+json");
    }

    private static String problemDetail(Exchange exchange) {
        if (exchange.responseBody() == null || exchange.responseBody().length == 0) {
            return "";
        }
        String body = new String(exchange.responseBody(), StandardCharsets.UTF_8);
        return ": " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** JSON Pointer escaping of one reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    /**
     * Every object schema that lists its properties and says nothing about others is closed to undocumented ones
     * ({@code unevaluatedProperties: false}, which, unlike {@code additionalProperties}, sees through {@code allOf}).
     */
    private static JsonNode closed(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                closed(fields.next().getValue());
            }
            if (object.has("properties") && object.get("properties").isObject() && !object.has("additionalProperties")
                    && !object.has("unevaluatedProperties")) {
                object.put("unevaluatedProperties", false);
            }
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::closed);
        }
        return node;
    }

    /**
     * An integer of format int32 or int64 is bounded as that format is (JSON Schema leaves formats unchecked, and
     * 2147483648 is no Integer the service can read).
     */
    private static JsonNode bounded(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            object.forEach(OpenApiContract::bounded);
            String format = object.path("format").asText();
            if (format.equals("int32") || format.equals("int64")) {
                boolean int32 = format.equals("int32");
                if (!object.has("minimum")) {
                    object.put("minimum", int32 ? Integer.MIN_VALUE : Long.MIN_VALUE);
                }
                if (!object.has("maximum")) {
                    object.put("maximum", int32 ? Integer.MAX_VALUE : Long.MAX_VALUE);
                }
            }
        } else if (node.isArray()) {
            node.forEach(OpenApiContract::bounded);
        }
        return node;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A documented path such as {@code /listings/{listingId}/documents/{documentId}}. */
    private static final class PathTemplate {
        final String template;
        final String[] segments;
        final int literals;

        PathTemplate(String template) {
            this.template = template;
            this.segments = segments(template);
            this.literals = (int) Arrays.stream(segments).filter(s -> !isVariable(s)).count();
        }

        boolean matches(String[] path) {
            if (path.length != segments.length) {
                return false;
            }
            for (int i = 0; i < segments.length; i++) {
                if (isVariable(segments[i]) ? path[i].isEmpty() : !segments[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }

        Map<String, String> values(String path) {
            String[] actual = segments(path);
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < segments.length && i < actual.length; i++) {
                if (isVariable(segments[i])) {
                    values.put(segments[i].substring(1, segments[i].length() - 1),
                            URLDecoder.decode(actual[i].replace("+", "%2B"), StandardCharsets.UTF_8));
                }
            }
            return values;
        }

        private static boolean isVariable(String segment) {
            return segment.startsWith("{") && segment.endsWith("}");
        }
    }
}

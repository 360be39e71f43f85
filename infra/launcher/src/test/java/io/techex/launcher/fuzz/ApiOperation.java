package io.techex.launcher.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import io.techex.launcher.FourServices.Service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One operation (path × method) of a service's OpenAPI document, with its parameters and request body schema
 * resolved against the document's components, so the fuzzer can derive bad input from what the service declares.
 */
record ApiOperation(Service service, String method, String path, List<Parameter> parameters, JsonNode bodySchema,
                    String bodyMediaType, boolean bodyRequired) {

    record Parameter(String name, String in, boolean required, JsonNode schema) {
    }

    String key() {
        return method + " " + path;
    }

    @Override
    public String toString() {
        return service.name().toLowerCase() + " " + key();
    }

    boolean isWrite() {
        return !method.equals("GET");
    }

    List<Parameter> in(String where) {
        return parameters.stream().filter(p -> p.in().equals(where)).toList();
    }

    /** Every operation of the document, in its order; the schema of each body and parameter with its $refs resolved. */
    static List<ApiOperation> of(Service service, JsonNode document) {
        Schemas schemas = new Schemas(document.path("components").path("schemas"));
        List<ApiOperation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode operation = method.getValue();
                List<Parameter> parameters = new ArrayList<>();
                for (JsonNode parameter : operation.path("parameters")) {
                    parameters.add(new Parameter(parameter.path("name").asText(), parameter.path("in").asText(),
                            parameter.path("required").asBoolean(false), schemas.resolve(parameter.path("schema"))));
                }
                JsonNode body = null;
                String mediaType = null;
                JsonNode requestBody = operation.path("requestBody");
                if (requestBody.has("content")) {
                    Map.Entry<String, JsonNode> content = requestBody.path("content").fields().next();
                    mediaType = content.getKey();
                    body = schemas.resolve(content.getValue().path("schema"));
                }
                operations.add(new ApiOperation(service, method.getKey().toUpperCase(), path.getKey(), parameters, body,
                        mediaType, requestBody.path("required").asBoolean(false)));
            }
        }
        return operations;
    }

    /** The document's component schemas; resolving a {@code $ref} yields the component (its own refs resolved lazily). */
    static final class Schemas {
        private final JsonNode components;

        Schemas(JsonNode components) {
            this.components = components;
        }

        JsonNode resolve(JsonNode schema) {
            return Schema.resolve(schema, components);
        }
    }
}

package io.techex.launcher.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.techex.launcher.FourServices.Service;
import io.techex.testkit.RawHttp;
import io.techex.testkit.TestTokens;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The HTTP edge of each running service, sent as raw bytes (what {@code java.net.http} would refuse or repair): query
 * parameters the container cannot decode, requests Tomcat refuses itself, a method a path does not have, and JSON
 * bodies with a property given twice or a fraction for an integer. Each must be the 4xx problem the platform promises,
 * naming the field where there is one; what differs is listed, one line per request.
 */
final class EdgeChecks {

    private final Exchange exchange;
    private final List<String> failures = new ArrayList<>();
    private int sent;

    EdgeChecks(Exchange exchange) {
        this.exchange = exchange;
    }

    int sent() {
        return sent;
    }

    /** Every check of every service; the requests that were not answered as they should be. */
    List<String> run(List<ApiOperation> operations, Map<ApiOperation, String> senders, Fixtures fixtures) {
        for (Service service : Service.values()) {
            RawHttp raw = new RawHttp(URI.create(exchange.base(service)).getPort());
            List<ApiOperation> own = operations.stream().filter(o -> o.service() == service).toList();
            String anyone = "Authorization: " + TestTokens.get().bearer(TestTokens.FIRM) + "\r\n";

            expectProblem(service, raw.send("GET", "/actuator/health/readiness?=x", ""), "GET /actuator/health/readiness?=x", 400, "");
            expectProblem(service, raw.send("GET", "/actuator/health?x=%FF", ""), "GET /actuator/health?x=%FF", 400, "x");
            own.stream().filter(o -> o.method().equals("GET") && !o.path().contains("{") && senders.containsKey(o)).findFirst()
                    .ifPresent(read -> expectProblem(service, raw.send("GET", read.path() + "?a=%ZZ", bearer(senders.get(read))),
                            "GET " + read.path() + "?a=%ZZ", 400, "a"));
            expectProblem(service, raw.send("GET", "/v3/api-docs", "X-Note: a\rb\r\n"), "GET /v3/api-docs with CR in a header", 400, null);
            expectProblem(service, raw.send("GET", "/%2e%2e%2factuator%2fenv", anyone), "GET /%2e%2e%2factuator%2fenv", 400, null);
            methodNotAllowed(service, raw, own, senders, fixtures);
            duplicateProperty(service, raw, own, senders, fixtures);
        }
        listingsReadinessLevel(operations, senders, fixtures);
        return failures;
    }

    /** DELETE on a path of the document that has no DELETE: 405 with the path's methods in {@code Allow}. */
    private void methodNotAllowed(Service service, RawHttp raw, List<ApiOperation> own, Map<ApiOperation, String> senders, Fixtures fixtures) {
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        own.forEach(o -> methodsByPath.computeIfAbsent(o.path(), p -> new TreeSet<>()).add(o.method()));
        own.stream().filter(o -> o.method().equals("GET") && senders.containsKey(o) && !methodsByPath.get(o.path()).contains("DELETE"))
                .findFirst().ifPresent(read -> {
                    String path = fixtures.target(read).path(read.path(), Map.of());
                    String request = "DELETE " + path;
                    RawHttp.Response response = raw.send("DELETE", path, bearer(senders.get(read)));
                    if (expectProblem(service, response, request, 405, null)) {
                        Set<String> allowed = response.header("Allow") == null ? Set.of()
                                : Set.of(response.header("Allow").split("\\s*,\\s*"));
                        if (!allowed.containsAll(methodsByPath.get(read.path()))) {
                            failures.add(service + " " + request + ": Allow " + allowed + " lacks some of " + methodsByPath.get(read.path()));
                        }
                    }
                });
    }

    /** The first write with a JSON object body, its first property given twice: 400 naming it. */
    private void duplicateProperty(Service service, RawHttp raw, List<ApiOperation> own, Map<ApiOperation, String> senders, Fixtures fixtures) {
        own.stream().filter(o -> o.isWrite() && senders.containsKey(o) && fixtures.target(o).jsonBody() instanceof ObjectNode body
                        && body.size() > 0)
                .findFirst().ifPresent(write -> {
                    ObjectNode body = (ObjectNode) fixtures.target(write).jsonBody();
                    String field = body.fieldNames().next();
                    String json = json(body);
                    String twice = json.substring(0, json.length() - 1) + "," + quote(field) + ":" + json(body.get(field)) + "}";
                    sendJson(service, raw, write, senders.get(write), fixtures, twice, field, "is given more than once");
                });
    }

    /** The testers' own examples: readinessLevel given twice, and 6.9 for it. */
    private void listingsReadinessLevel(List<ApiOperation> operations, Map<ApiOperation, String> senders, Fixtures fixtures) {
        operations.stream().filter(o -> o.service() == Service.LISTING && o.key().equals("POST /listings") && senders.containsKey(o))
                .findFirst().ifPresentOrElse(draft -> {
                    ObjectNode body = ((ObjectNode) fixtures.target(draft).jsonBody()).deepCopy();
                    RawHttp raw = new RawHttp(URI.create(exchange.base(Service.LISTING)).getPort());
                    body.put("readinessLevel", 12);
                    String json = json(body);
                    sendJson(Service.LISTING, raw, draft, senders.get(draft), fixtures,
                            json.substring(0, json.length() - 1) + ",\"readinessLevel\":6}", "readinessLevel", "is given more than once");
                    body.put("readinessLevel", 6.9);
                    sendJson(Service.LISTING, raw, draft, senders.get(draft), fixtures, json(body), "readinessLevel", "must be an integer");
                }, () -> failures.add("LISTING: no POST /listings in its document to check readinessLevel with"));
    }

    private void sendJson(Service service, RawHttp raw, ApiOperation write, String person, Fixtures fixtures, String json,
                          String field, String message) {
        String path = fixtures.target(write).path(write.path(), Map.of()) + fixtures.target(write).query(Map.of());
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = write.method() + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + bearer(person)
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] head8859 = head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] request = new byte[head8859.length + body.length];
        System.arraycopy(head8859, 0, request, 0, head8859.length);
        System.arraycopy(body, 0, request, head8859.length, body.length);
        String description = write.key() + " with " + json;
        RawHttp.Response response = raw.sendBytes(request);
        if (expectProblem(service, response, description, 400, field)) {
            JsonNode error = problem(response).path("errors").path(0);
            if (!message.equals(error.path("message").asText())) {
                failures.add(service + " " + description + ": " + field + " '" + error.path("message").asText() + "', expected '" + message + "'");
            }
        }
    }

    /** Whether {@code response} is a problem of {@code status} whose single error names {@code field} (when not null). */
    private boolean expectProblem(Service service, RawHttp.Response response, String request, int status, String field) {
        sent++;
        String failure = null;
        if (response.status() != status) {
            failure = "answered " + response.status() + " instead of " + status;
        } else if (response.header("Content-Type") == null || !response.header("Content-Type").startsWith("application/problem+json")) {
            failure = "Content-Type " + response.header("Content-Type") + " is not application/problem+json";
        } else {
            JsonNode problem = problem(response);
            if (problem == null || problem.path("status").asInt() != status || !problem.path("type").isTextual()) {
                failure = "not a problem of status " + status;
            } else if (field != null) {
                List<String> fields = new ArrayList<>();
                problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
                if (!fields.equals(List.of(field))) {
                    failure = "errors name " + fields + ", expected [" + field + "]";
                }
            }
        }
        if (failure != null) {
            failures.add(service + " " + request + ": " + failure + " — " + FuzzCase.preview(response.body(), 300));
        }
        return failure == null;
    }

    private static JsonNode problem(RawHttp.Response response) {
        try {
            return BadInputs.MAPPER.readTree(response.body());
        } catch (Exception notJson) {
            return null;
        }
    }

    private static String bearer(String person) {
        return "Authorization: " + TestTokens.get().bearer(person) + "\r\n";
    }

    private static String json(JsonNode node) {
        try {
            return BadInputs.MAPPER.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quote(String name) {
        return json(BadInputs.MAPPER.getNodeFactory().textNode(name));
    }

    static String summary(int sent, List<String> failures) {
        return "edge checks (raw requests to every service): " + sent + " sent, " + failures.size() + " answered wrongly"
                + failures.stream().map(f -> "\n  " + f).collect(Collectors.joining());
    }
}

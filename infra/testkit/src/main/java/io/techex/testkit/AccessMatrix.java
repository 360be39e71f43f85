package io.techex.testkit;

import org.springframework.context.ApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A service's authorization matrix: every endpoint × every role, plus no token, an expired token, a token from an
 * unknown issuer and a tampered one, each with the answer it must get. Roles a row allows must get past security
 * (any answer but 401 and 403: the request may still be refused for its content or answered 404 for another
 * organisation's resource); every other role must get 403; every bad token 401.
 * <p>
 * {@link #verify()} first compares the rows with the service's controllers, so a new endpoint without a row fails
 * the build, and so does a row whose endpoint is gone.
 *
 * <pre>{@code
 * AccessMatrix.of(context)   // the running service's application context
 *     .row("POST", "/listings", body, Role.UNIVERSITY)
 *     .row("GET", "/listings/{listingId}", null, Role.values())
 *     .verify();
 * }</pre>
 */
public final class AccessMatrix {

    /** The roles of the exchange, as the tokens' {@code role} claim names them. */
    public enum Role { UNIVERSITY, FIRM, OPERATOR, REGULATOR }

    private record Row(String method, String pattern, String body, Set<Role> allowed) {

        String endpoint() {
            return method + " " + pattern;
        }
    }

    private final ApplicationContext context;
    private final String base;
    private final TestTokens tokens = TestTokens.get();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Row> rows = new LinkedHashMap<>();
    /** Every service's public reads; {@link #publicRead(String)} adds a service's own. */
    private final List<String> publicPaths = new ArrayList<>(List.of("/actuator/health", "/actuator/health/readiness", "/actuator/prometheus", "/v3/api-docs"));

    private AccessMatrix(ApplicationContext context) {
        this.context = context;
        this.base = "http://localhost:" + context.getEnvironment().getRequiredProperty("local.server.port");
    }

    /** The matrix of the service {@code context} runs, which must be listening on a port. */
    public static AccessMatrix of(ApplicationContext context) {
        return new AccessMatrix(context);
    }

    /**
     * The endpoint {@code method pattern} (as its controller maps it, with {@code {variables}}, which are sent as
     * fresh UUIDs) is open to {@code allowed} roles only; {@code body} is the JSON sent with it, or null.
     */
    public AccessMatrix row(String method, String pattern, String body, Role... allowed) {
        Set<Role> roles = allowed.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(List.of(allowed));
        Row row = new Row(method, pattern, body, roles);
        if (rows.putIfAbsent(row.endpoint(), row) != null) {
            throw new IllegalArgumentException("two rows for " + row.endpoint());
        }
        return this;
    }

    /** A path anyone may GET without a token, besides health and the OpenAPI document. */
    public AccessMatrix publicRead(String path) {
        publicPaths.add(path);
        return this;
    }

    /**
     * The service's own endpoints ({@code io.techex} controllers, not the platform's or springdoc's), as
     * {@code METHOD /pattern}.
     */
    public static Set<String> endpointsOf(ApplicationContext context) {
        Set<String> endpoints = new TreeSet<>();
        context.getBeansOfType(RequestMappingHandlerMapping.class).values().forEach(mapping ->
                mapping.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
                    String type = handler.getBeanType().getName();
                    if (!type.startsWith("io.techex.") || type.startsWith("io.techex.platform.")) {
                        return;
                    }
                    Set<String> methods = info.getMethodsCondition().getMethods().isEmpty()
                            ? Set.of("ANY")
                            : info.getMethodsCondition().getMethods().stream().map(Enum::name).collect(Collectors.toSet());
                    for (String method : methods) {
                        for (String pattern : info.getPatternValues()) {
                            endpoints.add(method + " " + pattern);
                        }
                    }
                }));
        return endpoints;
    }

    /** Checks that the rows are exactly the service's endpoints, then sends every request and checks every answer. */
    public void verify() {
        Set<String> mapped = endpointsOf(context);
        Set<String> withoutRow = new TreeSet<>(mapped);
        withoutRow.removeAll(rows.keySet());
        Set<String> withoutEndpoint = new TreeSet<>(rows.keySet());
        withoutEndpoint.removeAll(mapped);
        if (!withoutRow.isEmpty() || !withoutEndpoint.isEmpty()) {
            throw new AssertionError("The authorization matrix must have one row per endpoint. Endpoints without a row: "
                    + withoutRow + "; rows without an endpoint: " + withoutEndpoint);
        }
        verifyAnswers();
    }

    private void verifyAnswers() {
        List<String> wrong = new ArrayList<>();
        for (String path : publicPaths) {
            HttpResponse<String> response = send("GET", path, null, null);
            if (response.statusCode() != 200) {
                wrong.add("GET " + path + " without a token: expected 200, got " + describe(response));
            }
        }
        Map<String, Function<String, String>> badTokens = new LinkedHashMap<>();
        badTokens.put("no token", person -> null);
        badTokens.put("an expired token", tokens::expired);
        badTokens.put("a token from an unknown issuer", tokens::fromUnknownIssuer);
        badTokens.put("a tampered token", tokens::tampered);
        for (Row row : rows.values()) {
            String path = row.pattern().replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            for (Role role : Role.values()) {
                HttpResponse<String> response = send(row.method(), path, row.body(), tokens.of(TestTokens.PERSON_BY_ROLE.get(role.name())));
                int status = response.statusCode();
                boolean allowed = row.allowed().contains(role);
                if (allowed && (status == 401 || status == 403)) {
                    wrong.add(row.endpoint() + " as " + role + ": expected to get past security, got " + describe(response));
                } else if (!allowed && status != 403) {
                    wrong.add(row.endpoint() + " as " + role + ": expected 403, got " + describe(response));
                }
            }
            for (var bad : badTokens.entrySet()) {
                HttpResponse<String> response = send(row.method(), path, row.body(), bad.getValue().apply(TestTokens.FIRM));
                if (response.statusCode() != 401) {
                    wrong.add(row.endpoint() + " with " + bad.getKey() + ": expected 401, got " + describe(response));
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError(wrong.size() + " answers differ from the authorization matrix:\n  " + String.join("\n  ", wrong));
        }
    }

    private HttpResponse<String> send(String method, String path, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String describe(HttpResponse<String> response) {
        String body = response.body();
        return response.statusCode() + " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
    }
}

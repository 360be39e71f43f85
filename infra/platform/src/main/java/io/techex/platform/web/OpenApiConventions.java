package io.techex.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.techex.platform.actor.Actor;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.List;

/**
 * Puts the HTTP conventions into every operation of the OpenAPI document: error responses as
 * {@code application/problem+json} (schema {@code Problem}) for every status the platform itself answers (400 for
 * input, 401, 403, 404 where a resource is looked up, 409 and 422 for writes, 413 and 415 for bodies, 429 for writes
 * over the limit, 503), the {@code Idempotency-Key} header on POST and PATCH, the bearer access token every operation
 * needs (security scheme {@code bearer}), and exact decimals ({@link ExactDecimals}) as the {@code Amount} and
 * {@code Percent} schemas. What each operation answers when it succeeds (200, 201, 204, and its body) is the
 * operation's own, declared on its handler. A method a path does not offer (405) is left to {@code default}: it is no
 * operation of the document.
 */
class OpenApiConventions implements GlobalOpenApiCustomizer, GlobalOperationCustomizer {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String PROBLEM = "Problem";
    private static final String FIELD_PROBLEM = "FieldProblem";
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String TEXT = org.springframework.http.MediaType.TEXT_PLAIN_VALUE;
    static final String AMOUNT = "Amount";
    static final String PERCENT = "Percent";

    static final String BEARER = "bearer";

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.components(components.addSecuritySchemes(BEARER, new SecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("An access token from the TechEx authorization server (client-credentials grant)")));
        openApi.addSecurityItem(new SecurityRequirement().addList(BEARER));
        openApi.schema(FIELD_PROBLEM, new ObjectSchema()
                .description("A field at fault: a JSON path into the body (title.vi, inventors[1].email), a header or a parameter")
                .addProperty("field", new StringSchema())
                .addProperty("message", new StringSchema()));
        openApi.schema(AMOUNT, new StringSchema().format("decimal").pattern("^[0-9]{1,24}(\\.[0-9]{1,12})?$")
                .example("1500000000")
                .description("An exact amount of money as a decimal string, never a JSON number (which many readers round "
                        + "into a binary float): digits with an optional fraction, no exponent, e.g. \"1500000000\" or "
                        + "\"12.50\". Its currency (ISO 4217, VND unless named) is named beside it and limits its decimal "
                        + "places (none for VND). A JSON number here is a 400; a negative amount, or more decimal places "
                        + "than the currency has, a 422."));
        openApi.schema(PERCENT, new StringSchema().format("decimal").pattern("^[0-9]{1,3}(\\.[0-9]{1,12})?$")
                .example("2.5")
                .description("A percentage from 0 to 100 as an exact decimal string, never a JSON number: \"2.5\" is 2.5 %."));
        openApi.schema(PROBLEM, new ObjectSchema()
                .description("RFC 9457 problem details; a problem type may add members of its own (e.g. bid-too-low's minimumBid)")
                .additionalProperties(true)
                .required(List.of("type", "title", "status"))
                .addProperty("type", new StringSchema().format("uri").example(Problems.TYPE_BASE + Problems.INVALID_REQUEST))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new ArraySchema().items(reference(FIELD_PROBLEM))
                        .description("Input errors only: every field at fault"))
                .addProperty("correlationId", new StringSchema().description("Server errors only: quote it when reporting")));
    }

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        List<MethodParameter> parameters = Arrays.asList(handler.getMethodParameters());
        boolean needsActor = parameters.stream().anyMatch(p -> p.hasParameterAnnotation(CurrentActor.class) && p.getParameterType() == Actor.class);
        boolean takesBody = parameters.stream().anyMatch(p -> p.hasParameterAnnotation(RequestBody.class));
        boolean write = writes(handler, RequestMethod.POST, RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.DELETE);
        boolean idempotent = writes(handler, RequestMethod.POST, RequestMethod.PATCH);

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (answersText(handler)) {
            // Spring writes a String as text/plain, not as the JSON the document says by default
            responses.forEach((code, response) -> {
                if (code.startsWith("2") && response.getContent() != null && response.getContent().containsKey(JSON)) {
                    response.setContent(new Content().addMediaType(TEXT, response.getContent().get(JSON)));
                }
            });
        }
        // springdoc derives responses from the controller advice's handlers, whose body type says nothing useful
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(problemContent());
            }
        });
        // any operation: the input guard refuses a query parameter holding NUL, broken Unicode or a year past 9999
        responses.putIfAbsent("400", problem("Invalid request: errors names every field or parameter at fault"));
        responses.putIfAbsent("401", problem("No access token, or one that is expired, tampered with or from another issuer"));
        responses.putIfAbsent("403", problem("The organisation's role may not call this operation"));
        boolean pathVariables = parameters.stream().anyMatch(p -> p.hasParameterAnnotation(PathVariable.class));
        if (needsActor || pathVariables) {
            responses.putIfAbsent("404", problem("No such resource, or one that belongs privately to another organisation"));
        }
        if (!write && parameters.stream().anyMatch(p -> p.hasParameterAnnotation(RequestParam.class))) {
            responses.putIfAbsent("422", problem("The parameters break a rule together (a range upside down, a cursor of another search)"));
        }
        if (write) {
            responses.putIfAbsent("409", problem("Conflicts with the resource's state, a concurrent change, or a request with the same Idempotency-Key still running"));
            responses.putIfAbsent("422", problem("Breaks a business rule, or reuses an Idempotency-Key for a different request"));
        }
        if (takesBody || idempotent) {
            responses.putIfAbsent("413", problem("The body is larger than the operation takes (with an Idempotency-Key, larger than techex.idempotency.max-body)"));
        }
        if (takesBody) {
            responses.putIfAbsent("415", problem("The body's Content-Type is not one the operation reads"));
        }
        if (write) {
            responses.putIfAbsent("429", problem("The organisation made more writes to this service than its limit allows; retry after Retry-After seconds"));
        }
        responses.putIfAbsent("503", problem("The database is unreachable; retry after Retry-After seconds"));
        responses.putIfAbsent("default", problem("Any other error, such as 405 for a method the path does not offer"));
        // in the order of their codes, default last, as a reader looks for them
        ApiResponses ordered = new ApiResponses().extensions(responses.getExtensions());
        responses.entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator.comparing(code -> code.equals("default") ? "~" : code)))
                .forEach(entry -> ordered.addApiResponse(entry.getKey(), entry.getValue()));
        operation.setResponses(ordered);

        if (idempotent) {
            addHeader(operation, IdempotencyKeyFilter.HEADER, false,
                    "Makes a retry safe: the same request (same JSON meaning; other bodies byte for byte) gets the first "
                            + "answer again (Idempotent-Replayed: true) for 24 hours and takes effect once. Only successes "
                            + "and refusals of the request itself (400, 413, 415, 422) are kept; after a 401, 403, 404, "
                            + "409, 429 or 5xx the retry runs. The same key for a different request is a 422; while the "
                            + "first still runs, a 409 with Retry-After");
        }
        return operation;
    }

    /** A handler answering a String without naming the media type it produces: Spring writes it as text/plain. */
    private static boolean answersText(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        var returned = handler.getReturnType();
        Class<?> body = returned.getParameterType() == org.springframework.http.ResponseEntity.class
                ? org.springframework.core.ResolvableType.forMethodParameter(returned).getGeneric(0).resolve()
                : returned.getParameterType();
        return body == String.class && (mapping == null || mapping.produces().length == 0);
    }

    private static boolean writes(HandlerMethod handler, RequestMethod... methods) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && Arrays.stream(mapping.method()).anyMatch(Arrays.asList(methods)::contains);
    }

    /** The header, or the handler's own parameter for it, with its description and the form of its value. */
    private static void addHeader(Operation operation, String name, boolean required, String description) {
        Parameter header = operation.getParameters() == null ? null : operation.getParameters().stream()
                .filter(p -> "header".equals(p.getIn()) && name.equalsIgnoreCase(p.getName())).findFirst().orElse(null);
        if (header == null) {
            header = new HeaderParameter().name(name).required(required);
            operation.addParametersItem(header);
        }
        header.description(description).schema(new StringSchema().pattern("^[\\x21-\\x7E]{1,255}$"));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(problemContent());
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(reference(PROBLEM)));
    }

    private static Schema<?> reference(String schema) {
        return new Schema<>().$ref("#/components/schemas/" + schema);
    }
}

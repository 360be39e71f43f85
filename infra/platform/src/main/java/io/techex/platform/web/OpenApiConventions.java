package io.techex.platform.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
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
import io.techex.platform.actor.Actor;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;

import java.util.Arrays;
import java.util.List;

/**
 * Puts the HTTP conventions into every operation of the OpenAPI document: error responses as
 * {@code application/problem+json} (schema {@code Problem}), the {@code Idempotency-Key} header on POST and PATCH,
 * and the bearer access token every operation needs (security scheme {@code bearer}).
 */
class OpenApiConventions implements GlobalOpenApiCustomizer, GlobalOperationCustomizer {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;
    private static final String PROBLEM = "Problem";
    private static final String FIELD_PROBLEM = "FieldProblem";

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
        openApi.schema(PROBLEM, new ObjectSchema()
                .description("RFC 9457 problem details")
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
        boolean takesInput = parameters.stream().anyMatch(p -> !p.hasParameterAnnotation(CurrentActor.class));
        boolean write = writes(handler);

        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        // springdoc derives responses from the controller advice's handlers, whose body type says nothing useful
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(problemContent());
            }
        });
        if (takesInput) {
            responses.putIfAbsent("400", problem("Invalid request: errors names every field at fault"));
        }
        responses.putIfAbsent("401", problem("No access token, or one that is expired, tampered with or from another issuer"));
        responses.putIfAbsent("403", problem("The organisation's role may not call this operation"));
        if (needsActor) {
            responses.putIfAbsent("404", problem("No such resource, or one that belongs privately to another organisation"));
        }
        if (write) {
            responses.putIfAbsent("409", problem("Conflicts with the resource's state, a concurrent change, or a request with the same Idempotency-Key still running"));
            responses.putIfAbsent("422", problem("Breaks a business rule, or reuses an Idempotency-Key for a different request"));
        }
        responses.putIfAbsent("503", problem("The database is unreachable; retry after Retry-After seconds"));
        responses.putIfAbsent("default", problem("Any other error"));
        operation.setResponses(responses);

        if (write) {
            addHeader(operation, IdempotencyKeyFilter.HEADER, false,
                    "Makes a retry safe: the same request (same JSON meaning; other bodies byte for byte) gets the first "
                            + "answer again (Idempotent-Replayed: true) for 24 hours and takes effect once. Only successes "
                            + "and refusals of the request itself (400, 413, 415, 422) are kept; after a 401, 403, 404, "
                            + "409, 429 or 5xx the retry runs. The same key for a different request is a 422; while the "
                            + "first still runs, a 409 with Retry-After");
        }
        return operation;
    }

    private static boolean writes(HandlerMethod handler) {
        RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RequestMapping.class);
        return mapping != null && Arrays.stream(mapping.method()).anyMatch(m -> m == RequestMethod.POST || m == RequestMethod.PATCH);
    }

    private static void addHeader(Operation operation, String name, boolean required, String description) {
        if (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(p -> "header".equals(p.getIn()) && name.equalsIgnoreCase(p.getName()))) {
            return;
        }
        Parameter header = new HeaderParameter().name(name).required(required).description(description).schema(new StringSchema());
        operation.addParametersItem(header);
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

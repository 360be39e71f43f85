package io.techex.console.services;

import io.micrometer.observation.ObservationRegistry;
import io.techex.console.ConsoleProperties;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How the console calls a service, the same for each: with the person's token ({@link TokenRelay}), a timeout, JSON read
 * tolerantly, a 4xx's problem+json as a {@link ServiceProblem} and no answer or a 5xx as {@link ServiceUnavailable}.
 */
@Component
public class ServiceClients {

    /** Tolerant of fields the console does not read yet, and of amounts as strings or numbers. */
    public static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final ConsoleProperties properties;
    private final TokenRelay tokens;
    private final HttpClient http;
    private final ObservationRegistry observations;

    public ServiceClients(ConsoleProperties properties, OAuth2AuthorizedClientManager personClients,
                          OAuth2AuthorizedClientManager visitorClient, ObservationRegistry observations) {
        this.properties = properties;
        this.tokens = new TokenRelay(personClients, visitorClient);
        this.http = HttpClient.newBuilder().connectTimeout(properties.serviceTimeout()).build();
        this.observations = observations;
    }

    /** A client of {@code service} at {@code baseUrl}. */
    public RestClient client(String service, URI baseUrl) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.serviceTimeout());
        return RestClient.builder()
                .baseUrl(baseUrl.toString())
                .requestFactory(requests)
                .requestInterceptor(tokens)
                // a span per call, whose traceparent header continues the page request's trace in the service
                .observationRegistry(observations)
                .configureMessageConverters(converters -> converters.registerDefaults()
                        .withJsonConverter(new JacksonJsonHttpMessageConverter(JSON)))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw problem(service, response.getStatusCode().value(), response.getBody().readAllBytes());
                })
                .build();
    }

    /** The JDK client the REST clients share, for what is no request and answer (a live board's event stream). */
    public HttpClient http() {
        return http;
    }

    /**
     * The signed-in person's access token, refreshed if it had expired: for work that goes on after the request's
     * thread has moved on (a live board relayed for minutes), which cannot ask the session then.
     */
    public OAuth2AccessToken personToken() {
        return tokens.personToken();
    }

    /** Runs a call, naming the service when it did not answer. */
    public static <T> T call(String service, Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceAccessException unreachable) {
            throw new ServiceUnavailable(service, unreachable);
        }
    }

    /** The problem+json of a 4xx as a {@link ServiceProblem}; a 5xx (or an answer that is no problem) as unavailable. */
    public static RuntimeException problem(String service, int status, byte[] body) {
        if (status >= 500) {
            return new ServiceUnavailable(service, status);
        }
        try {
            JsonNode problem = JSON.readTree(body);
            String type = problem.path("type").asString("");
            String slug = type.substring(type.lastIndexOf('/') + 1);
            List<ServiceProblem.FieldError> errors = new ArrayList<>();
            problem.path("errors").forEach(error -> errors.add(new ServiceProblem.FieldError(
                    error.path("field").asString(""), error.path("message").asString(""))));
            return new ServiceProblem(status, slug.isEmpty() ? "status-" + status : slug,
                    problem.path("detail").asString(null), errors, problem);
        } catch (RuntimeException notAProblem) {
            return new ServiceProblem(status, "status-" + status, null, List.of());
        }
    }
}

package io.techex.console.services;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * How the console calls a service, whichever: with the person's token ({@link TokenRelay}), a timeout, amounts read
 * exactly, a refusal as {@link ServiceProblem} and no answer or a server error as {@link ServiceUnavailable}.
 */
public final class ServiceClients {

    private ServiceClients() {
    }

    public static RestClient client(String service, URI baseUrl, Duration timeout, OAuth2AuthorizedClientManager people,
                                    OAuth2AuthorizedClientManager visitor) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(timeout).build());
        requests.setReadTimeout(timeout);
        return RestClient.builder()
                .baseUrl(baseUrl.toString())
                .requestFactory(requests)
                .requestInterceptor(new TokenRelay(people, visitor))
                .configureMessageConverters(converters -> converters.registerDefaults()
                        .withJsonConverter(new JacksonJsonHttpMessageConverter(Listings.JSON)))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw problem(service, response.getStatusCode().value(), response.getBody().readAllBytes());
                })
                .build();
    }

    /** Runs a call; a service that cannot be reached is {@link ServiceUnavailable}. */
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
            JsonNode problem = Listings.JSON.readTree(body);
            String type = problem.path("type").asString("");
            String slug = type.substring(type.lastIndexOf('/') + 1);
            List<ServiceProblem.FieldError> errors = new ArrayList<>();
            problem.path("errors").forEach(error -> errors.add(new ServiceProblem.FieldError(
                    error.path("field").asString(""), error.path("message").asString(""))));
            return new ServiceProblem(status, slug.isEmpty() ? "status-" + status : slug,
                    problem.path("detail").asString(null), errors);
        } catch (RuntimeException notAProblem) {
            return new ServiceProblem(status, "status-" + status, null, List.of());
        }
    }
}

package io.techex.console.services;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.ClientAuthorizationRequiredException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

import java.io.IOException;
import java.util.Set;

/**
 * Sends each service call with the signed-in person's access token (refreshed when it has expired), so the service
 * decides what the person may do, exactly as for curl. A visitor's calls go with the console's own token, and only
 * reads: anything else without a person is a programming error. When the person's sign-in can no longer be renewed
 * (refresh token expired, authorization server restarted), {@link ClientAuthorizationRequiredException} makes Spring
 * Security send them to sign in and back to the page they asked for.
 */
public final class TokenRelay implements ClientHttpRequestInterceptor {

    public static final String PERSON_REGISTRATION = "techex";
    public static final String VISITOR_REGISTRATION = "techex-visitor";
    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private final OAuth2AuthorizedClientManager people;
    private final OAuth2AuthorizedClientManager visitor;

    public TokenRelay(OAuth2AuthorizedClientManager people, OAuth2AuthorizedClientManager visitor) {
        this.people = people;
        this.visitor = visitor;
    }

    /**
     * A call that names its token already carries one a relay thread took from {@link #personToken()} while the
     * person's request was running; every other call gets the current person's, or the console's for a visitor's read.
     */
    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            request.getHeaders().setBearerAuth(token(request).getAccessToken().getTokenValue());
        }
        return execution.execute(request, body);
    }

    /** The signed-in person's access token, refreshed when it has expired; called on the person's request thread. */
    OAuth2AccessToken personToken() {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof OAuth2AuthenticationToken)) {
            throw new ClientAuthorizationRequiredException(PERSON_REGISTRATION);
        }
        return token(null).getAccessToken();
    }

    private OAuth2AuthorizedClient token(HttpRequest request) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who instanceof OAuth2AuthenticationToken person) {
            OAuth2AuthorizedClient client;
            try {
                client = people.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(PERSON_REGISTRATION)
                        .principal(person).build());
            } catch (OAuth2AuthorizationException renewalRefused) {
                throw new ClientAuthorizationRequiredException(PERSON_REGISTRATION);
            }
            if (client == null) {
                throw new ClientAuthorizationRequiredException(PERSON_REGISTRATION);
            }
            return client;
        }
        if (request == null || !READS.contains(request.getMethod())) {
            throw new IllegalStateException("Only a signed-in person writes: "
                    + (request == null ? "no request" : request.getMethod() + " " + request.getURI()));
        }
        OAuth2AuthorizedClient client = visitor.authorize(OAuth2AuthorizeRequest
                .withClientRegistrationId(VISITOR_REGISTRATION).principal("web-console").build());
        if (client == null) {
            throw new IllegalStateException("The authorization server gave the console no token of its own");
        }
        return client;
    }
}

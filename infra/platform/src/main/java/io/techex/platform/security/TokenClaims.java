package io.techex.platform.security;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Optional;

/**
 * Claims of the current request's validated access token beyond the actor's identity, such as the organisation's
 * {@code country} (ISO 3166-1 alpha-2), {@code org_name} and the person's {@code name}. Read them in the HTTP layer
 * and put what a rule needs into the command: aggregates never look at the request.
 */
public final class TokenClaims {

    public static final String COUNTRY = "country";
    public static final String ORGANISATION_NAME = "org_name";
    public static final String PERSON_NAME = "name";

    private TokenClaims() {
    }

    /** The claim's value as a string, or empty outside an authenticated request or when the token lacks it. */
    public static Optional<String> current(String claim) {
        if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
            return Optional.ofNullable(token.getToken().getClaimAsString(claim)).filter(value -> !value.isBlank());
        }
        return Optional.empty();
    }
}

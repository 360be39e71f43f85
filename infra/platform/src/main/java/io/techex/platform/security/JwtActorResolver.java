package io.techex.platform.security;

import io.techex.platform.actor.Actor;
import io.techex.platform.web.ActorResolver;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Optional;

/**
 * The actor is whoever the validated access token names: claims {@code person}, {@code org} and {@code role}.
 * Nothing in the request body or headers can change it.
 */
public class JwtActorResolver implements ActorResolver {

    public static final String PERSON_CLAIM = "person";
    public static final String ORGANISATION_CLAIM = "org";
    public static final String ROLE_CLAIM = "role";

    @Override
    public Optional<Actor> resolve(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            return Optional.empty();
        }
        return Optional.of(actorOf(token.getToken()));
    }

    /** The token was validated, so a missing claim is a misconfigured issuer, not a bad request. */
    static Actor actorOf(Jwt jwt) {
        return new Actor(required(jwt, PERSON_CLAIM), required(jwt, ORGANISATION_CLAIM),
                Actor.Role.valueOf(required(jwt, ROLE_CLAIM)));
    }

    private static String required(Jwt jwt, String claim) {
        String value = jwt.getClaimAsString(claim);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("access token of " + jwt.getSubject() + " has no '" + claim + "' claim");
        }
        return value;
    }
}

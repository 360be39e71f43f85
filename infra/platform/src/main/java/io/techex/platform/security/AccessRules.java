package io.techex.platform.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * A service's access rules, in one place: which role may call which endpoint. Each service declares exactly one
 * bean of this type (e.g. {@code ListingAccessRules}); the platform adds the public endpoints before it (health,
 * the OpenAPI document) and denies everything after it, so an endpoint nobody wrote a rule for is closed; only a method
 * that a path does not have at all gets through, to be answered 405 ({@code UnsupportedMethodAccess}).
 * <p>
 * Rules here are about roles. Which organisation may see which resource (a draft is its seller's, an offer its
 * bidder's and seller's) is decided where the resource is loaded, and a resource of another organisation answers
 * 404 rather than 403 so that its existence stays private.
 */
@FunctionalInterface
public interface AccessRules {

    void define(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry endpoints);

    /** The authority a role's tokens carry, for {@code hasAuthority}-style rules. */
    static String role(io.techex.platform.actor.Actor.Role role) {
        return "ROLE_" + role.name();
    }
}

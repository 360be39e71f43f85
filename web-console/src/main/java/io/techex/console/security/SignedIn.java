package io.techex.console.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.Optional;

/**
 * The person signed in, as their ID token names them: for showing who they are and which pages they have, never for
 * deciding what they may do (the services decide that from the access token).
 *
 * @param role UNIVERSITY, FIRM, OPERATOR or REGULATOR
 */
public record SignedIn(String person, String name, String organisation, String organisationName, String role) {

    public static Optional<SignedIn> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
            return Optional.of(new SignedIn(user.getClaimAsString("person"), user.getClaimAsString("name"),
                    user.getClaimAsString("org"), user.getClaimAsString("org_name"), user.getClaimAsString("role")));
        }
        return Optional.empty();
    }

    public boolean isUniversity() {
        return "UNIVERSITY".equals(role);
    }

    public boolean isFirm() {
        return "FIRM".equals(role);
    }

    public boolean isOperator() {
        return "OPERATOR".equals(role);
    }

    public boolean isRegulator() {
        return "REGULATOR".equals(role);
    }
}

package io.techex.authserver;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.Collection;
import java.util.Set;

/**
 * Where the browser may be sent after signing out: a registered post-logout redirect URI, exactly, or one on a loopback
 * IP address ({@code 127.0.0.1}, {@code [::1]}) with any port. That is the rule the authorization endpoint applies to
 * redirect URIs (RFC 8252 §7.3) and Spring Authorization Server's logout endpoint does not, so a console on a port
 * chosen at start (tests) could sign in but not be sent back after signing out.
 */
final class LoopbackRedirects {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "[0:0:0:0:0:0:0:1]");

    private LoopbackRedirects() {
    }

    static void checkPostLogoutRedirect(OidcLogoutAuthenticationContext context) {
        OidcLogoutAuthenticationToken logout = context.getAuthentication();
        String requested = logout.getPostLogoutRedirectUri();
        if (StringUtils.hasText(requested)
                && !matches(requested, context.getRegisteredClient().getPostLogoutRedirectUris())) {
            throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                    "OpenID Connect 1.0 Logout Request Parameter: post_logout_redirect_uri",
                    "https://openid.net/specs/openid-connect-rpinitiated-1_0.html#ValidationAndErrorHandling"));
        }
    }

    static boolean matches(String requested, Collection<String> registered) {
        if (registered.contains(requested)) {
            return true;
        }
        UriComponents uri;
        try {
            uri = UriComponentsBuilder.fromUriString(requested).build();
        } catch (IllegalArgumentException notAUri) {
            return false;
        }
        if (uri.getHost() == null || !LOOPBACK.contains(uri.getHost()) || uri.getFragment() != null) {
            return false;
        }
        return registered.stream().anyMatch(candidate ->
                UriComponentsBuilder.fromUriString(candidate).port(uri.getPort()).build().toString().equals(uri.toString()));
    }
}

package io.techex.platform.security;

import io.techex.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;

/**
 * 401 and 403 as problem+json, with the {@code WWW-Authenticate} header RFC 6750 asks for (set by Spring's bearer
 * token handlers, which write no body).
 */
class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler insufficient = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        challenge.commence(request, response, failure);
        String detail = failure instanceof OAuth2AuthenticationException invalid
                ? "The access token was refused: " + describe(invalid)
                : "This endpoint needs an access token from the TechEx authorization server (Authorization: Bearer <token>)";
        Problems.write(request, response, HttpStatus.UNAUTHORIZED, "unauthenticated", detail, "Authorization");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        insufficient.handle(request, response, denied);
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        String who = authentication == null ? "This caller" : "An organisation with role "
                + authentication.getAuthorities().stream().map(a -> a.getAuthority().replaceFirst("^ROLE_", ""))
                .findFirst().orElse("(none)");
        Problems.write(request, response, HttpStatus.FORBIDDEN, "forbidden",
                who + " may not " + request.getMethod() + " " + request.getRequestURI());
    }

    private static String describe(OAuth2AuthenticationException invalid) {
        String description = invalid.getError().getDescription();
        return description == null || description.isBlank() ? invalid.getError().getErrorCode() : description;
    }
}

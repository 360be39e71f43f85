package io.techex.console.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;
import java.net.URI;

/**
 * A form sent after its session ended carries a CSRF token the server no longer knows. Rather than a bare 403, the
 * person goes back to the page the form was on, which signs them in again where it needs to and shows the form anew.
 */
final class ExpiredFormHandler implements AccessDeniedHandler {

    private final AccessDeniedHandlerImpl otherwise = new AccessDeniedHandlerImpl();

    ExpiredFormHandler() {
        otherwise.setErrorPage("/error/forbidden");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException, jakarta.servlet.ServletException {
        if (denied instanceof CsrfException && request.getSession(false) == null || denied instanceof CsrfException
                && request.getUserPrincipal() == null) {
            response.sendRedirect(sameOriginReferer(request));
            return;
        }
        otherwise.handle(request, response, denied);
    }

    private static String sameOriginReferer(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                URI uri = URI.create(referer);
                if (request.getServerName().equals(uri.getHost()) && request.getServerPort() == uri.getPort()) {
                    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            } catch (IllegalArgumentException notAUri) {
                // fall through to the home page
            }
        }
        return request.getContextPath() + "/";
    }
}

package io.techex.authserver;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The error page as an RFC 9457 problem, like the services' errors, instead of Boot's own body. Asked for directly,
 * {@code /error} is a path like any other that serves nothing: 404, not Boot's {@code "status": 999} answered 500.
 * The OAuth2 endpoints answer their own errors ({@code invalid_client}...) as RFC 6749 says, without coming here.
 */
@RestController
class ProblemErrorController implements ErrorController {

    static final String TYPE_BASE = "https://techex.io/problems/";

    @RequestMapping("/error")
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            return problem(HttpStatus.NOT_FOUND, "There is nothing at " + request.getRequestURI(), request.getRequestURI());
        }
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null && value >= 400
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri : null;
        String detail = switch (status) {
            case FORBIDDEN, NOT_FOUND -> "This server serves its token endpoint (POST /oauth2/token), its keys, its "
                    + "discovery documents and health, nothing else";
            case INTERNAL_SERVER_ERROR -> "Something went wrong on our side";
            default -> status.getReasonPhrase();
        };
        return problem(status, detail, path);
    }

    private static ResponseEntity<Map<String, Object>> problem(HttpStatus status, String detail, String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (instance != null) {
            problem.put("instance", instance);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}

package io.techex.console.web;

import io.techex.console.services.ServiceProblem;
import io.techex.console.services.ServiceUnavailable;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A service's 404 or 403 becomes a page that says so in the reader's language (another organisation's draft is "not
 * found", as the service decided); an unreachable service a page saying to try again. Never a stack trace.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ErrorPages {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    @ExceptionHandler(ServiceProblem.class)
    String refused(ServiceProblem problem, HttpServletRequest request, HttpServletResponse response, Model model) {
        PageModel.populate(model, request);
        if (problem.isNotFound()) {
            response.setStatus(404);
            return "error/not-found";
        }
        if (problem.isForbidden()) {
            response.setStatus(403);
            return "error/forbidden";
        }
        log.info("A service refused a page's request: {}", problem.getMessage());
        response.setStatus(problem.status());
        return "error/refused";
    }

    @ExceptionHandler(ServiceUnavailable.class)
    String unavailable(ServiceUnavailable unavailable, HttpServletRequest request, HttpServletResponse response,
                       Model model) {
        PageModel.populate(model, request);
        log.warn("A page could not be built: {}", unavailable.getMessage());
        response.setStatus(503);
        return "error/unavailable";
    }
}

package io.techex.platform.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * The servlet container's error page, replacing Boot's JSON/HTML one, so that errors raised outside Spring MVC (an
 * exception escaping a servlet filter, a filter's {@code sendError}, Tomcat rejecting a malformed request) are
 * problem+json too, answered by the same rules as {@link ProblemHandling}.
 */
@Controller
@Hidden
@RequestMapping("${spring.web.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    private final ProblemHandling problems;

    public ProblemErrorController(ProblemHandling problems) {
        this.problems = problems;
    }

    @RequestMapping
    public ResponseEntity<Object> error(HttpServletRequest request, HttpServletResponse response) throws Exception {
        var webRequest = new ServletWebRequest(request, response);
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Exception exception) {
            return problems.handle(exception, webRequest);
        }
        // asked for directly, /error is just a path that does not exist
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatusCode status = code == null ? HttpStatus.NOT_FOUND
                : code instanceof Integer error && error >= 400 ? HttpStatusCode.valueOf(error) : HttpStatus.INTERNAL_SERVER_ERROR;
        return problems.status(status, webRequest);
    }
}

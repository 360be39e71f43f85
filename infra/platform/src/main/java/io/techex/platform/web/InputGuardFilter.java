package io.techex.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;

/**
 * Applies {@link InputGuard}'s text and date rules to query parameters (a {@code q=a%00b} search would otherwise reach
 * PostgreSQL and fail there; {@code on=+99999-12-31} was answered with a date no client can read), answering 400
 * naming the parameter.
 */
class InputGuardFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getQueryString() != null) {
            for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
                String problem = InputGuard.problemWith(parameter.getKey());
                for (String value : parameter.getValue()) {
                    if (problem == null) {
                        problem = InputGuard.problemWith(value);
                    }
                    if (problem == null) {
                        problem = InputGuard.dateProblemWith(value);
                    }
                }
                if (problem != null) {
                    Problems.write(request, response, HttpStatus.BAD_REQUEST, Problems.INVALID_REQUEST,
                            "Parameter " + parameter.getKey() + " " + problem, parameter.getKey());
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }
}

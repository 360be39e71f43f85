package io.techex.platform.web;

/**
 * One entry of a problem's {@code errors}: a field at fault, named as a JSON path ({@code title.vi},
 * {@code inventors[1].email}, {@code [2].name} in a list body; empty for the body as a whole), a header
 * ({@code Idempotency-Key}) or a parameter, and what is wrong with it.
 */
public record FieldProblem(String field, String message) {
}

package io.techex.platform.rules;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A business rule said no; aggregates and services throw it, {@link io.techex.platform.web.ProblemHandling} answers it
 * as a problem whose type is {@code https://techex.io/problems/<code>}, so {@code code} is a stable slug clients may
 * rely on. It is the domain's own type and names no web type, so aggregates and the rules they apply state their
 * refusals without depending on the web layer that answers them.
 * <ul>
 *   <li>{@link Kind#CONFLICT}, 409: the resource's current state forbids the request, e.g. revising a listing
 *       that is no longer a draft. The same request may succeed once the state changes.</li>
 *   <li>{@link Kind#UNPROCESSABLE}, 422: the request is well-formed but a value breaks a business rule, e.g. a
 *       reserve price above the asking price. Named by {@code field} (a JSON path such as {@code title.vi}) when
 *       one field is at fault.</li>
 * </ul>
 */
public class RuleViolation extends RuntimeException {

    public enum Kind { CONFLICT, UNPROCESSABLE }

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private final Kind kind;
    private final String code;
    private final String field;

    public RuleViolation(Kind kind, String code, String field, String detail) {
        super(Objects.requireNonNull(detail, "detail"));
        if (!SLUG.matcher(Objects.requireNonNull(code, "code")).matches()) {
            throw new IllegalArgumentException("A rule's code is a lower-case slug like listing-not-draft, not " + code);
        }
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = code;
        this.field = field;
    }

    /** 409: the resource's state forbids this. */
    public static RuleViolation conflict(String code, String detail) {
        return new RuleViolation(Kind.CONFLICT, code, null, detail);
    }

    /** 422: a value breaks the rule {@code code}; {@code field} may be null when no single field is at fault. */
    public static RuleViolation unprocessable(String code, String field, String detail) {
        return new RuleViolation(Kind.UNPROCESSABLE, code, field, detail);
    }

    /** 422: the value of {@code field} breaks a rule; the code is {@code invalid-<field as a slug>}. */
    public static RuleViolation invalid(String field, String detail) {
        String slug = field.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
        return new RuleViolation(Kind.UNPROCESSABLE, "invalid-" + slug.replaceAll("^-|-$", ""), field, detail);
    }

    /** The same violation again, from {@link Details} that crossed a command bus. */
    public static RuleViolation of(Details details) {
        return new RuleViolation(details.kind(), details.code(), details.field(), details.detail());
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    /** The field at fault as a JSON path, or null. */
    public String field() {
        return field;
    }

    /**
     * This violation as plain data. Exceptions do not survive serialization across a distributed command bus, so a
     * command handler that wants its rule to reach the HTTP caller intact throws
     * {@code new CommandExecutionException(message, null, violation.details())};
     * {@link io.techex.platform.web.ProblemHandling} reads these details back.
     */
    public Details details() {
        return new Details(kind, code, field, getMessage());
    }

    /** {@link RuleViolation} as data; see {@link #details()}. */
    public record Details(Kind kind, String code, String field, String detail) implements Serializable {
    }
}

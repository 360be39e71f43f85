package io.techex.console.services;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import java.util.List;

/**
 * A service's refusal, from its RFC 9457 problem+json: the {@code type} slug ({@code https://techex.io/problems/<slug>})
 * and the fields at fault. Pages turn it into messages in the reader's language; the service's own English
 * {@code detail} is kept for the log.
 */
public final class ServiceProblem extends RuntimeException {

    /** One entry of the problem's {@code errors}: a JSON path such as {@code ipTitles[0].owners[1].sharePercent}. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final String slug;
    private final List<FieldError> errors;
    private final transient JsonNode body;

    public ServiceProblem(int status, String slug, String detail, List<FieldError> errors) {
        this(status, slug, detail, errors, null);
    }

    /** @param body the whole problem, for the members a refusal adds (a bid too low names the minimum bid) */
    public ServiceProblem(int status, String slug, String detail, List<FieldError> errors, JsonNode body) {
        super(status + " " + slug + (detail == null ? "" : ": " + detail));
        this.status = status;
        this.slug = slug;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.body = body == null ? MissingNode.getInstance() : body;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** A member of the problem beyond type, detail and errors, e.g. {@code minimumBid}; a missing node when absent. */
    public JsonNode member(String name) {
        return body.path(name);
    }

    public boolean isNotFound() {
        return status == 404;
    }

    public boolean isForbidden() {
        return status == 403;
    }

    /** A refusal the person can act on (bad input, a conflict with the listing's state), shown where it happened. */
    public boolean isRefusal() {
        return status == 400 || status == 409 || status == 422 || status == 413 || status == 415;
    }
}

package io.techex.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one shape of every TechEx error (RFC 9457): {@code type} {@code https://techex.io/problems/<slug>},
 * {@code title} (the HTTP reason phrase, so one per type), {@code status}, {@code detail}, {@code instance} (the
 * request path) and, for input errors, {@code errors}. {@link ProblemHandling} uses it for errors raised in
 * controllers; servlet filters, which answer before any controller runs, {@link #write} it themselves.
 */
public final class Problems {

    public static final String TYPE_BASE = "https://techex.io/problems/";
    /** Input errors of any kind share this type, so clients handle one shape: the {@code errors} array. */
    public static final String INVALID_REQUEST = "invalid-request";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** {@code https://techex.io/problems/<slug>}. */
    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    /** The slug of a status without a more specific type: {@code not-found}, {@code method-not-allowed}... */
    public static String slug(HttpStatusCode status) {
        return title(status).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    /** A problem of type {@code slug}. */
    public static ProblemDetail problem(HttpStatusCode status, String slug, String detail, String instance) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title(status));
        if (instance != null) {
            problem.setInstance(URI.create(instance));
        }
        return problem;
    }

    /** An input problem ({@code invalid-request} unless the status says otherwise) naming the fields at fault. */
    public static ProblemDetail invalid(HttpStatusCode status, String detail, List<FieldProblem> errors, String instance) {
        ProblemDetail problem = problem(status, status.value() == 400 ? INVALID_REQUEST : slug(status), detail, instance);
        problem.setProperty("errors", errors);
        return problem;
    }

    /** Writes a problem of type {@code slug} as the whole response. */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
                             String detail) throws IOException {
        write(response, problem(status, slug, detail, instance(request)));
    }

    /** Writes a problem of type {@code slug} whose {@code errors} name {@code field} (a header, say). */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String slug,
                             String detail, String field) throws IOException {
        ProblemDetail problem = problem(status, slug, detail, instance(request));
        problem.setProperty("errors", List.of(new FieldProblem(field, detail)));
        write(response, problem);
    }

    /** Writes {@code problem} as the whole response, with its status and {@code application/problem+json}. */
    public static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        byte[] body = json(problem);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    /** {@code problem} as the JSON of its answer. */
    static byte[] json(ProblemDetail problem) {
        return JSON.writeValueAsBytes(asMap(problem));
    }

    /** {@code text} fit for one log line: control characters (a CR or LF sent by a client) escaped. */
    static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder line = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                line.append(String.format("\\u%04x", c));
            } else {
                line.appendCodePoint(c);
            }
        });
        return line.toString();
    }

    static String title(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? "Error " + status.value() : known.getReasonPhrase();
    }

    static String instance(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** Spring's own ProblemDetail serialization needs its Jackson mix-in, which a plain mapper lacks. */
    private static Map<String, Object> asMap(ProblemDetail problem) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", String.valueOf(problem.getType()));
        fields.put("title", problem.getTitle());
        fields.put("status", problem.getStatus());
        fields.put("detail", problem.getDetail());
        if (problem.getInstance() != null) {
            fields.put("instance", problem.getInstance().toString());
        }
        if (problem.getProperties() != null) {
            fields.putAll(problem.getProperties());
        }
        return fields;
    }
}

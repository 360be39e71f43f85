package io.techex.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Reads the request's parameters before anything else does, and answers 400 naming the parameter when the servlet
 * container cannot: a parameter without a name ({@code ?=x}), a bad percent-encoding ({@code %ZZ}) or bytes that are
 * not UTF-8 ({@code %FF}, {@code %C3%28}). Tomcat 11 throws on such input from whichever {@code getParameter...}
 * call comes first (Spring Security's bearer token lookup, the input guard, a controller), which made every path a
 * 500 with an ERROR and a stack trace, public ones included. Here it is a client's mistake, answered before
 * authentication like the container's own 400s, and logged in one line at DEBUG.
 */
class UnreadableParametersFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(UnreadableParametersFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (isMultipart(request)) {
            // reading a multipart body's parameters means storing its parts: not for a request not yet authenticated
            FieldProblem culprit = firstUnreadable(request.getQueryString());
            if (culprit != null) {
                refuse(request, response, HttpStatus.BAD_REQUEST, culprit);
                return;
            }
        } else {
            try {
                request.getParameterMap();
            } catch (IllegalStateException unreadable) {
                HttpStatus status = unreadable instanceof InvalidParameterException invalid
                        && HttpStatus.resolve(invalid.getErrorCode()) != null && invalid.getErrorCode() >= 400
                        ? HttpStatus.valueOf(invalid.getErrorCode()) : HttpStatus.BAD_REQUEST;
                refuse(request, response, status, firstUnreadable(request.getQueryString()));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** 400 naming {@code culprit}, or saying what it can when the query is not to blame (null). */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                               FieldProblem culprit) throws IOException {
        String detail;
        List<FieldProblem> errors;
        if (culprit == null) {
            detail = "The request's parameters cannot be read: there are too many, or a form body is not correctly encoded";
            errors = List.of(new FieldProblem("", detail));
        } else {
            detail = (culprit.field().isEmpty() ? "A query parameter" : "Query parameter " + culprit.field())
                    + " cannot be read: it " + culprit.message();
            errors = List.of(culprit);
        }
        ProblemDetail problem = Problems.invalid(status, detail, errors, Problems.instance(request));
        log.debug("{} {} answered {}: {}", request.getMethod(), request.getRequestURI(), status.value(), Problems.oneLine(detail));
        Problems.write(response, problem);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String contentType = request.getContentType();
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /**
     * The first parameter of the raw query that the container cannot read, with what is wrong with it, named as it
     * decodes (or as sent, when its name itself cannot be decoded); null when the query is readable.
     */
    static FieldProblem firstUnreadable(String query) {
        if (query == null) {
            return null;
        }
        for (String parameter : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String rawName = equals < 0 ? parameter : parameter.substring(0, equals);
            if (rawName.isEmpty()) {
                return new FieldProblem("", "has no name (" + parameter + ")");
            }
            String name;
            try {
                name = decode(rawName);
            } catch (UnreadableText unreadable) {
                return new FieldProblem(rawName, "has a name that " + unreadable.getMessage());
            }
            if (equals >= 0) {
                try {
                    decode(parameter.substring(equals + 1));
                } catch (UnreadableText unreadable) {
                    return new FieldProblem(name, "has a value that " + unreadable.getMessage());
                }
            }
        }
        return null;
    }

    /** As the container decodes a query parameter: {@code +} is a space, {@code %XX} a byte, the bytes UTF-8. */
    private static String decode(String raw) throws UnreadableText {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    throw new UnreadableText("is not correctly percent-encoded: '%' must be followed by two hexadecimal digits");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new UnreadableText("is not UTF-8 text once percent-decoded");
        }
    }

    private static final class UnreadableText extends Exception {
        UnreadableText(String message) {
            super(message, null, false, false);
        }
    }
}

package io.techex.testkit.openapi;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks every request a service answers against the service's own OpenAPI document ({@code /v3/api-docs}, read once,
 * on the first request) and records each answer outside it in {@link OpenApiMismatches}, for
 * {@link OpenApiConformanceExtension} to fail the test with.
 * <p>
 * It changes nothing the client sees: the request body is read ahead and handed on unchanged; the answer (status,
 * headers, body) is held until the handler is done, then copied on whole, and checked once the client has it, so
 * the check adds nothing to the answer's latency. Checks still running are counted, and the test's end waits for
 * them ({@link OpenApiMismatches#drain()}). Answers the document says are streams (Server-Sent Events) pass through unchecked. Errors
 * rendered by the container's error page (an exception escaping a filter, {@code sendError}) are checked on that
 * error dispatch, against the operation of the original request.
 */
public final class OpenApiConformanceFilter extends OncePerRequestFilter {

    /** Read ahead at most this much of a request body (a document upload is up to 10 MiB). */
    private static final int MAX_READ_AHEAD = 16 * 1024 * 1024;
    private static final String API_DOCS = "/v3/api-docs";

    private final String service;
    private final Function<HttpServletRequest, Optional<OpenApiContract>> documents;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Optional<OpenApiContract> contract;

    /** Checks against the document the service itself serves at {@code /v3/api-docs}. */
    public OpenApiConformanceFilter(String service) {
        this.service = service;
        this.documents = this::fetch;
    }

    /** Checks against the document {@code documents} gives for the first request (empty: checks nothing). */
    OpenApiConformanceFilter(String service, Function<HttpServletRequest, Optional<OpenApiContract>> documents) {
        this.service = service;
        this.documents = documents;
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = originalPath(request);
        return path.startsWith(API_DOCS) || path.startsWith("/swagger-ui") || path.startsWith("/actuator")
                || request.getMethod().equals("HEAD") || request.getMethod().equals("OPTIONS")
                || (request.getDispatcherType() == jakarta.servlet.DispatcherType.ERROR && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) == null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<OpenApiContract> api = contract(request);
        String path = originalPath(request);
        String accept = request.getHeader("Accept");
        if (api.isEmpty() || api.get().streams(request.getMethod(), path)
                || (accept != null && accept.contains("text/event-stream"))) {
            chain.doFilter(request, response);
            return;
        }
        boolean errorPage = request.getDispatcherType() == jakarta.servlet.DispatcherType.ERROR;
        ReadAhead body = errorPage ? null : ReadAhead.of(request);
        HttpServletRequest forwarded = body == null ? request : body.request();
        Answer answer = new Answer(response);
        boolean completed = false;
        try {
            chain.doFilter(forwarded, answer);
            completed = true;
        } finally {
            // an exception on its way to the error page, or sendError: the error dispatch is checked instead
            if (!completed || answer.sentError || forwarded.isAsyncStarted()) {
                answer.copyBodyToResponse();
            } else {
                int status = answer.getStatus();
                String contentType = answer.getContentType();
                byte[] content = answer.getContentAsByteArray();
                // counted before the client can have its answer, checked after it has it: the check costs the
                // client no time, and the test's end waits for it (OpenApiMismatches#drain)
                OpenApiMismatches.checking();
                try {
                    answer.copyBodyToResponse();
                    response.flushBuffer();
                } finally {
                    try {
                        check(api.get(), request, path, body, status, contentType, content);
                    } finally {
                        OpenApiMismatches.checked();
                    }
                }
            }
        }
    }

    private void check(OpenApiContract api, HttpServletRequest request, String path, ReadAhead body, int status,
                       String contentType, byte[] content) {
        try {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : Collections.list(request.getHeaderNames())) {
                headers.put(name, request.getHeader(name));
            }
            var exchange = new OpenApiContract.Exchange(request.getMethod(), path, query(originalQuery(request)), headers,
                    request.getContentType(), body == null ? null : body.bytes(), status, contentType, content);
            List<String> problems = api.check(exchange);
            if (!problems.isEmpty()) {
                String operation = api.operation(request.getMethod(), path).orElse(request.getMethod() + " " + path);
                String query = originalQuery(request);
                String sent = request.getMethod() + " " + path + (query == null ? "" : "?" + query);
                OpenApiMismatches.record(new OpenApiMismatches.Mismatch(service, operation, status, problems,
                        sent.length() > 200 ? sent.substring(0, 200) + "…" : sent));
            }
        } catch (RuntimeException failed) {
            OpenApiMismatches.record(new OpenApiMismatches.Mismatch(service, request.getMethod() + " " + path,
                    status, List.of("could not be checked: " + failed)));
        }
    }

    /** The document, fetched from the service itself on the first request; empty when it publishes none. */
    private Optional<OpenApiContract> contract(HttpServletRequest request) {
        Optional<OpenApiContract> known = contract;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (contract == null) {
                try {
                    contract = documents.apply(request);
                } catch (RuntimeException unreadable) {
                    // not kept: every answer until the document can be read is reported, so no test passes unchecked
                    OpenApiMismatches.record(new OpenApiMismatches.Mismatch(service, "its OpenAPI document", 500,
                            List.of("cannot be read, so no answer can be checked: " + unreadable.getMessage())));
                    return Optional.empty();
                }
                contract.ifPresent(api -> {
                    List<String> problems = api.lint();
                    if (!problems.isEmpty()) {
                        OpenApiMismatches.record(new OpenApiMismatches.Mismatch(service, "its OpenAPI document", 200, problems));
                    }
                });
            }
            return contract;
        }
    }

    private Optional<OpenApiContract> fetch(HttpServletRequest request) {
        URI uri = URI.create("http://127.0.0.1:" + request.getLocalPort() + request.getContextPath() + API_DOCS);
        try {
            HttpResponse<String> document = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (document.statusCode() == 404) {
                return Optional.empty(); // an application without a document: nothing to check against
            }
            if (document.statusCode() != 200) {
                throw new IllegalStateException("The OpenAPI document could not be built: " + document.statusCode() + " " + document.body());
            }
            return Optional.of(OpenApiContract.parse(document.body()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + uri + " to check answers against it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + uri, e);
        }
    }

    private static String originalPath(HttpServletRequest request) {
        Object errorUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String uri = request.getDispatcherType() == jakarta.servlet.DispatcherType.ERROR && errorUri != null
                ? errorUri.toString() : request.getRequestURI();
        return uri.substring(Math.min(request.getContextPath().length(), uri.length()));
    }

    private static String originalQuery(HttpServletRequest request) {
        Object errorQuery = request.getAttribute(RequestDispatcher.ERROR_QUERY_STRING);
        return request.getDispatcherType() == jakarta.servlet.DispatcherType.ERROR
                ? (errorQuery == null ? null : errorQuery.toString()) : request.getQueryString();
    }

    /** The raw query string's parameters, decoded, in order (not the servlet's parameters, which may read a form body). */
    static Map<String, List<String>> query(String queryString) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (queryString == null || queryString.isEmpty()) {
            return query;
        }
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** Decoded; a broken escape such as {@code %ZZ} marks the text {@link OpenApiContract#UNDECODABLE}, as bytes that are not UTF-8 already are. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text + OpenApiContract.UNDECODABLE;
        }
    }

    /** The answer, held until checked; notes a {@code sendError}, whose body the error page writes later. */
    private static final class Answer extends ContentCachingResponseWrapper {
        boolean sentError;

        Answer(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sentError = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            sentError = true;
            super.sendError(status, message);
        }
    }

    /**
     * A request whose body was read ahead and is handed on as it came. Form and multipart bodies are left alone: the
     * container parses those itself, from its own stream.
     */
    private record ReadAhead(HttpServletRequest request, byte[] bytes) {

        static ReadAhead of(HttpServletRequest request) throws IOException {
            String contentType = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
            if (contentType.startsWith("application/x-www-form-urlencoded") || contentType.startsWith("multipart/")) {
                return null;
            }
            InputStream in = request.getInputStream();
            byte[] ahead = in.readNBytes(MAX_READ_AHEAD);
            int next = ahead.length == MAX_READ_AHEAD ? in.read() : -1;
            if (next < 0) {
                return new ReadAhead(new Replaying(request, new ByteArrayInputStream(ahead)), ahead);
            }
            // larger than anything checked: passed on whole, not checked
            InputStream whole = new SequenceInputStream(new ByteArrayInputStream(ahead),
                    new SequenceInputStream(new ByteArrayInputStream(new byte[]{(byte) next}), in));
            return new ReadAhead(new Replaying(request, whole), null);
        }
    }

    private static final class Replaying extends HttpServletRequestWrapper {
        private final InputStream body;
        private final ServletInputStream stream;

        Replaying(HttpServletRequest request, InputStream body) {
            super(request);
            this.body = body;
            this.stream = new ServletInputStream() {
                @Override
                public int read() throws IOException {
                    return body.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return body.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    try {
                        return body.available() == 0;
                    } catch (IOException e) {
                        return true;
                    }
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("The body was read ahead; read it blocking");
                }
            };
        }

        @Override
        public ServletInputStream getInputStream() {
            return stream;
        }

        @Override
        public BufferedReader getReader() throws UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            try {
                Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
                return new BufferedReader(new InputStreamReader(body, charset));
            } catch (IllegalArgumentException unknown) {
                // as the container does
                throw new UnsupportedEncodingException(encoding);
            }
        }
    }
}

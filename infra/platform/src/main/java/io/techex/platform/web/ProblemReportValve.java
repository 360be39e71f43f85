package io.techex.platform.web;

import org.apache.catalina.Container;
import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.tomcat.util.ExceptionUtils;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Tomcat's error report as problem+json instead of its HTML page. Tomcat answers some requests itself, before any
 * filter or servlet: a request line or header it cannot parse (CR, LF or NUL in a header, a header or query of 100 kB),
 * a path it refuses to map ({@code %2e%2e%2f}, an encoded NUL, {@code ..} above the root). Those answers reach no
 * error page, only the host's error report valve; this one replaces Tomcat's, with the same rules: it writes only for
 * an error no one answered, and never a stack trace or server version.
 * <p>
 * What it cannot change: a connection Tomcat closes without answering at all (a request it could not read to the
 * end of its headers within the timeout, an I/O failure), and the status Tomcat chose.
 */
final class ProblemReportValve extends ErrorReportValve {

    /**
     * Puts this valve in place of every other error report valve of the context's host, just before the host starts:
     * Boot adds Tomcat's own to the host's pipeline, and the host adds one at start unless a valve of the class it
     * is configured with is already there.
     */
    static void install(Container context) {
        if (!(context.getParent() instanceof Host host)) {
            return;
        }
        host.addLifecycleListener(event -> {
            if (!Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                return;
            }
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
            if (Arrays.stream(host.getPipeline().getValves()).noneMatch(ProblemReportValve.class::isInstance)) {
                host.getPipeline().addValve(new ProblemReportValve());
            }
        });
    }

    public ProblemReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own: only an error that nothing has answered yet, reported once
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        String detail = status == 400
                ? "The request is not valid HTTP (its request line, a header or its path) and was refused before reaching the service"
                : "The request was refused before reaching the service";
        ProblemDetail problem = Problems.problem(code, status == 400 ? Problems.INVALID_REQUEST : Problems.slug(code), detail,
                instance(request));
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(Problems.json(problem), StandardCharsets.UTF_8));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException unwritable) {
            // the client went away, or the response cannot be written any more: there is no one left to tell
        } catch (Throwable failure) {
            ExceptionUtils.handleThrowable(failure);
        }
    }

    /** The path as sent, when it is one; a request refused for its path may not have a usable one. */
    private static String instance(Request request) {
        String uri;
        try {
            uri = request.getRequestURI();
        } catch (RuntimeException unparsed) {
            return null;
        }
        if (uri == null || !uri.startsWith("/")) {
            return null;
        }
        try {
            return new URI(uri).getRawPath() == null ? null : uri;
        } catch (URISyntaxException notAUri) {
            return null;
        }
    }
}

package io.techex.platform.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.techex.testkit.RawHttp;
import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that are not even well-formed: parameters the container cannot decode, and what Tomcat refuses itself
 * (a request line, header or path it cannot parse or map). Each is a 400 problem+json on every path, public ones and
 * without a token too, and costs the log at most one line.
 */
@WebTest
class MalformedRequestTest {

    @LocalServerPort
    int port;
    RawHttp raw;

    @BeforeEach
    void client() {
        raw = new RawHttp(port);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            none       | /actuator/health/readiness?=x  | ""  | has no name (=x)
            none       | /actuator/health?x=%FF         | x   | has a value that is not UTF-8 text once percent-decoded
            none       | /v3/api-docs?a=%ZZ             | a   | has a value that is not correctly percent-encoded: '%' must be followed by two hexadecimal digits
            none       | /things?a=%ZZ                  | a   | has a value that is not correctly percent-encoded: '%' must be followed by two hexadecimal digits
            university | /things?minLevel=2&q=%C3%28    | q   | has a value that is not UTF-8 text once percent-decoded
            university | /things?minLevel=2&%E2%82=1    | %E2%82 | has a name that is not UTF-8 text once percent-decoded
            university | /things/whoami?&&=&a=1         | ""  | has no name (=)
            """)
    void unreadableParametersAre400NamingTheParameterLoggedInOneLine(String caller, String target, String field, String message) {
        String authorization = caller.equals("none") ? "" : "Authorization: " + TestTokens.get().bearer(TestTokens.UNIVERSITY) + "\r\n";
        String path = target.substring(0, target.indexOf('?'));

        RawHttp.Response response;
        List<ILoggingEvent> logged;
        try (CapturedLogs logs = CapturedLogs.start("io.techex.platform.web")) {
            response = raw.send("GET", target, authorization);
            logged = logs.ofRequests();
        }

        JsonNode problem = assertProblem(response, 400, "invalid-request");
        assertThat(problem.path("instance").asString()).isEqualTo(path);
        assertThat(ProblemAssertions.fields(problem)).containsExactly(field);
        assertThat(ProblemAssertions.message(problem, field)).isEqualTo(message);
        assertThat(logged).as(CapturedLogs.describe(logged)).hasSize(1)
                .allSatisfy(event -> {
                    assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
                    assertThat(event.getThrowableProxy()).isNull();
                    assertThat(event.getFormattedMessage()).contains(path, "400").doesNotContain("\n");
                });
    }

    @Test
    void aMultipartRequestIsJudgedByItsQueryAloneUntilItIsAuthenticated() {
        String body = "--b\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nx\r\n--b--\r\n";
        String request = "POST %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;

        RawHttp.Response badQuery = raw.sendBytes(request.formatted("/things/inventors?=x").getBytes(StandardCharsets.ISO_8859_1));
        RawHttp.Response anonymous = raw.sendBytes(request.formatted("/things/inventors").getBytes(StandardCharsets.ISO_8859_1));

        assertThat(ProblemAssertions.fields(assertProblem(badQuery, 400, "invalid-request"))).containsExactly("");
        assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"100 kB query", "100 kB header", "encoded traversal", "raw traversal", "encoded NUL in the path",
            "CR in a header", "LF in a header", "NUL in a header", "broken request line", "space in the path"})
    void whatTomcatRefusesItselfIsAProblemTooNotItsHtmlPage(String kind) {
        String token = "Authorization: " + TestTokens.get().bearer(TestTokens.UNIVERSITY) + "\r\n";
        RawHttp.Response response = switch (kind) {
            case "100 kB query" -> raw.send("GET", "/things?minLevel=2&q=" + "a".repeat(100_000), token);
            case "100 kB header" -> raw.send("GET", "/things/whoami", token + "X-Big: " + "b".repeat(100_000) + "\r\n");
            case "encoded traversal" -> raw.send("GET", "/things/%2e%2e%2f%2e%2e%2factuator%2fenv", token);
            case "raw traversal" -> raw.send("GET", "/things/../../../actuator/env", token);
            case "encoded NUL in the path" -> raw.send("GET", "/things/%00", token);
            case "CR in a header" -> raw.send("GET", "/things/whoami", token + "X-Note: a\rb\r\n");
            case "LF in a header" -> raw.send("GET", "/things/whoami", token + "X-Note: a\nb\r\n");
            case "NUL in a header" -> raw.send("GET", "/things/whoami", token + "X-Note: a\u0000b\r\n");
            case "broken request line" -> raw.sendBytes("GET /things/whoami HTTP/1.1 junk\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            case "space in the path" -> raw.sendBytes("GET /things/who ami HTTP/1.1\r\nHost: localhost\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            default -> throw new IllegalArgumentException(kind);
        };

        JsonNode problem = assertProblem(response, 400, "invalid-request");
        assertThat(problem.path("detail").asString()).contains("not valid HTTP");
        assertThat(response.body()).doesNotContain("<html", "Tomcat", "Exception");
    }

    private static JsonNode assertProblem(RawHttp.Response response, int status, String slug) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = JsonMapper.builder().build().readTree(response.body());
        assertThat(problem.path("type").asString()).isEqualTo("https://techex.io/problems/" + slug);
        assertThat(problem.path("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).isNotBlank();
        return problem;
    }
}

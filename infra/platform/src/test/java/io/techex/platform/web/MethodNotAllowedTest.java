package io.techex.platform.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static io.techex.platform.web.Http.FIRM;
import static io.techex.platform.web.Http.UNIVERSITY;
import static io.techex.platform.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A method a path does not have is a 405 with {@code Allow}, whoever asks; what the rules close stays closed. In the
 * test application {@code GET /reports/*} is open to universities alone, and nothing else under {@code /reports}.
 */
@WebTest
class MethodNotAllowedTest {

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aMethodThePathDoesNotHaveIs405WithAllowForAnyAuthenticatedCaller() {
        for (String organisation : new String[]{UNIVERSITY, FIRM}) {
            HttpResponse<String> response = http.send(http.as(organisation, "/reports/r-7").DELETE());

            assertProblem(response, 405, "method-not-allowed", "/reports/r-7");
            assertThat(response.headers().firstValue("Allow")).as(organisation).hasValue("GET");
        }
        HttpResponse<String> post = http.send(http.as(FIRM, "/reports/r-7").POST(HttpRequest.BodyPublishers.noBody()));
        assertProblem(post, 405, "method-not-allowed", "/reports/r-7");
    }

    @Test
    void whatTheRulesCloseStaysClosed() {
        // the method exists, the role is not allowed
        assertProblem(http.send(http.as(FIRM, "/reports/r-7").GET()), 403, "forbidden", "/reports/r-7");
        // no path at all, whatever the method
        assertProblem(http.send(http.as(UNIVERSITY, "/nowhere").POST(HttpRequest.BodyPublishers.noBody())), 403, "forbidden", "/nowhere");
        assertProblem(http.send(http.as(UNIVERSITY, "/nowhere").GET()), 403, "forbidden", "/nowhere");
        // without a token nothing but the public paths says more than 401
        assertProblem(http.send(http.request("/reports/r-7").DELETE()), 401, "unauthenticated", "/reports/r-7");
        assertProblem(http.send(http.request("/nowhere").POST(HttpRequest.BodyPublishers.noBody())), 401, "unauthenticated", "/nowhere");
        // a university reads its reports
        HttpResponse<String> read = http.send(http.as(UNIVERSITY, "/reports/r-7").GET());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    }

    @Test
    void thePublicPathsAnswer405WithoutAToken() {
        for (String path : new String[]{"/actuator/health", "/v3/api-docs"}) {
            HttpResponse<String> response = http.send(http.request(path).POST(HttpRequest.BodyPublishers.noBody()));

            assertProblem(response, 405, "method-not-allowed", path);
            assertThat(response.headers().firstValue("Allow")).as(path).hasValueSatisfying(allow -> assertThat(allow).contains("GET"));
        }
    }
}

package io.techex.platform.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static io.techex.platform.web.Http.UNIVERSITY;
import static io.techex.platform.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal (4xx) costs the log one line at DEBUG, without a stack trace, also when the rule is an aggregate's that
 * Axon's repository would log at WARN with its stack trace; a 5xx keeps its stack trace at ERROR with the correlation id.
 */
@WebTest
class RefusalLoggingTest {

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void anAggregateRefusingItsCreationIsOneDebugLine() {
        String id = "reg-" + UUID.randomUUID();

        List<ILoggingEvent> logged = logsOf(() -> assertProblem(post("/things/registrations/" + id + "?sharePercent=90"),
                422, "shares-not-100", "/things/registrations/" + id));

        assertOneDebugLine(logged, "422");
    }

    @Test
    void aCommandToAnAggregateThatDoesNotExistIsOneDebugLine() {
        String path = "/things/registrations/reg-" + UUID.randomUUID() + "/withdrawal";

        List<ILoggingEvent> logged = logsOf(() -> assertProblem(post(path), 404, "not-found", path));

        assertOneDebugLine(logged, "404");
    }

    @Test
    void aRuleOfAnExistingAggregateIsOneDebugLine() {
        String id = "reg-" + UUID.randomUUID();
        assertThat(post("/things/registrations/" + id + "?sharePercent=100").statusCode()).isEqualTo(201);

        List<ILoggingEvent> logged = logsOf(() -> assertProblem(post("/things/registrations/" + id + "/withdrawal"), 409,
                "registration-final", "/things/registrations/" + id + "/withdrawal"));

        assertOneDebugLine(logged, "409");
    }

    @Test
    void validationRoutingAndMethodErrorsAreOneDebugLineEach() {
        assertOneDebugLine(logsOf(() -> assertProblem(http.get("/things?minLevel=0"), 400, "invalid-request", "/things")), "400");
        assertOneDebugLine(logsOf(() -> assertProblem(http.get("/things/no/such/thing"), 404, "not-found", "/things/no/such/thing")), "404");
        assertOneDebugLine(logsOf(() -> assertProblem(http.send(http.as(UNIVERSITY, "/things/tenant").DELETE()), 405,
                "method-not-allowed", "/things/tenant")), "405");
    }

    @Test
    void aServerErrorKeepsItsStackTraceAtErrorWithTheCorrelationId() {
        var problem = new JsonNode[1];
        List<ILoggingEvent> logged = logsOf(() -> problem[0] = assertProblem(post("/things/failures/unexpected"), 500,
                "internal-error", "/things/failures/unexpected"));

        assertThat(logged).as(CapturedLogs.describe(logged)).hasSize(1).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy()).isNotNull();
            assertThat(event.getFormattedMessage()).contains(problem[0].path("correlationId").asString());
        });
    }

    private HttpResponse<String> post(String path) {
        return http.send(http.as(UNIVERSITY, path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static List<ILoggingEvent> logsOf(Supplier<?> request) {
        try (CapturedLogs logs = CapturedLogs.start("io.techex.platform.web")) {
            request.get();
            return logs.ofRequests();
        }
    }

    private static void assertOneDebugLine(List<ILoggingEvent> logged, String status) {
        assertThat(logged).as(CapturedLogs.describe(logged)).hasSize(1).allSatisfy(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getThrowableProxy()).isNull();
            assertThat(event.getFormattedMessage()).contains("answered " + status).doesNotContain("\n");
        });
    }
}

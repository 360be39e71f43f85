package io.techex.platform.web;

import io.techex.testkit.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static io.techex.platform.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** The resource server every service is: which tokens it accepts, and how it says no. */
@WebTest
class AccessTokenTest {

    @LocalServerPort
    int port;
    Http http;
    final TestTokens tokens = TestTokens.get();

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void withoutATokenTheAnswerIs401WithABearerChallenge() {
        HttpResponse<String> response = http.send(http.request("/things/whoami").GET());

        JsonNode problem = assertProblem(response, 401, "unauthenticated", "/things/whoami");
        assertThat(problem.path("detail").asString()).contains("access token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void otherClaimsOfTheTokenAreAtHandForTheHttpLayer() {
        HttpResponse<String> japanese = withToken("/things/whoami/country", tokens.of(TestTokens.FOREIGN_FIRM));
        HttpResponse<String> vietnamese = withToken("/things/whoami/country", tokens.of(TestTokens.UNIVERSITY));

        assertThat(japanese.body()).isEqualTo("JP");
        assertThat(vietnamese.body()).isEqualTo("VN");
    }

    @Test
    void anExpiredTokenIsRefused() {
        JsonNode problem = assertProblem(withToken("/things/whoami", tokens.expired(TestTokens.UNIVERSITY)),
                401, "unauthenticated", "/things/whoami");
        assertThat(problem.path("detail").asString()).containsIgnoringCase("expired");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        assertProblem(withToken("/things/whoami", tokens.fromUnknownIssuer(TestTokens.REGULATOR)),
                401, "unauthenticated", "/things/whoami");
    }

    @Test
    void aTokenWhoseClaimsWereEditedIsRefused() {
        HttpResponse<String> response = withToken("/things/whoami", tokens.tampered(TestTokens.FIRM));

        assertProblem(response, 401, "unauthenticated", "/things/whoami");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void aGarbledTokenIsRefused() {
        assertProblem(withToken("/things/whoami", "not-a-jwt"), 401, "unauthenticated", "/things/whoami");
    }

    @Test
    void aRoleTheRulesLeaveOutGets403AndTheRoleTheyNameGetsIn() {
        JsonNode problem = assertProblem(withToken("/things/regulated", tokens.of(TestTokens.FIRM)),
                403, "forbidden", "/things/regulated");
        assertThat(problem.path("detail").asString()).contains("FIRM");

        HttpResponse<String> regulator = withToken("/things/regulated", tokens.of(TestTokens.REGULATOR));
        assertThat(regulator.statusCode()).as(regulator.body()).isEqualTo(200);
        assertThat(regulator.body()).isEqualTo("dost-hanoi");
    }

    @Test
    void whatNoRuleOpensIsClosedEvenToAValidToken() {
        assertProblem(withToken("/actuator/info", tokens.of(TestTokens.OPERATOR)), 403, "forbidden", "/actuator/info");
        assertProblem(http.send(http.request("/actuator/info").GET()), 401, "unauthenticated", "/actuator/info");
    }

    @Test
    void healthAndTheApiDocumentArePublic() {
        for (String path : new String[]{"/actuator/health", "/actuator/health/readiness", "/v3/api-docs"}) {
            HttpResponse<String> response = http.send(http.request(path).GET());
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        }
    }

    private HttpResponse<String> withToken(String path, String token) {
        return http.send(http.request(path).header("Authorization", "Bearer " + token).GET());
    }
}

package io.techex.platform.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.UUID;

import static io.techex.platform.web.Http.FIRM;
import static io.techex.platform.web.Http.UNIVERSITY;
import static io.techex.platform.web.Http.thing;
import static io.techex.platform.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes are limited per organisation through a bucket in the real Redis. A limit of three per hour keeps the test
 * clear of refills while it runs.
 */
@WebTest
@TestPropertySource(properties = {"techex.rate-limit.writes=3", "techex.rate-limit.period=1h"})
class WriteRateLimitTest {

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void anOrganisationOverItsLimitGets429WithRetryAfterWhileOthersAndReadsGoOn() {
        for (int write = 1; write <= 3; write++) {
            HttpResponse<String> accepted = http.postJson(FIRM, "/things", thing("ref-" + UUID.randomUUID(), 5), null);
            assertThat(accepted.statusCode()).as("write %d: %s", write, accepted.body()).isEqualTo(201);
            assertThat(accepted.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(3 - write));
        }

        HttpResponse<String> refused = http.postJson(FIRM, "/things", thing("ref-" + UUID.randomUUID(), 5), null);

        JsonNode problem = assertProblem(refused, 429, "rate-limited", "/things");
        assertThat(problem.path("detail").asString()).contains("mekong-biotech");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);

        HttpResponse<String> otherOrganisation = http.postJson(UNIVERSITY, "/things", thing("ref-" + UUID.randomUUID(), 5), null);
        assertThat(otherOrganisation.statusCode()).as(otherOrganisation.body()).isEqualTo(201);
        HttpResponse<String> read = http.send(http.as(FIRM, "/things/whoami").GET());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    }
}

package io.techex.platform.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.techex.platform.web.Http.FIRM;
import static io.techex.platform.web.Http.UNIVERSITY;
import static io.techex.platform.web.Http.thing;
import static io.techex.platform.web.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Writes are limited per organisation in the real Redis: at most three in any five seconds. A bucket refilled
 * greedily (the limit's first implementation) would let a write through after a third of the period; the window
 * lets none through until the first write has left it, and says when that is.
 */
@WebTest
@TestPropertySource(properties = {"techex.rate-limit.writes=" + WriteRateLimitTest.WRITES, "techex.rate-limit.period=5s"})
class WriteRateLimitTest {

    static final int WRITES = 3;
    static final Duration PERIOD = Duration.ofSeconds(5);

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void atMostTheLimitInAnyPeriodThen429WithTheSecondsToWaitAndWritesPassAgainOnceTheWindowMovedOn() {
        long firstSent = System.nanoTime();
        for (int write = 1; write <= WRITES; write++) {
            HttpResponse<String> accepted = write(FIRM);
            assertThat(accepted.statusCode()).as("write %d: %s", write, accepted.body()).isEqualTo(201);
            assertThat(accepted.headers().firstValue("RateLimit-Remaining")).hasValue(Integer.toString(WRITES - write));
        }

        HttpResponse<String> refused = write(FIRM);
        long refusedAt = System.nanoTime();

        JsonNode problem = assertProblem(refused, 429, "rate-limited", "/things");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, PERIOD.toSeconds());
        assertThat(problem.path("detail").asString())
                .contains("mekong-biotech", WRITES + " writes", "5 seconds", "accepted in " + retryAfter + " s");
        // another organisation's writes and anyone's reads are not counted against it
        HttpResponse<String> otherOrganisation = write(UNIVERSITY);
        assertThat(otherOrganisation.statusCode()).as(otherOrganisation.body()).isEqualTo(201);
        HttpResponse<String> read = http.send(http.as(FIRM, "/things/whoami").GET());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);

        // retrying is refused until the oldest write leaves the window, which is what Retry-After said
        AtomicLong passedAt = new AtomicLong();
        await("a write accepted again").atMost(Duration.ofSeconds(retryAfter + 1)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    HttpResponse<String> retry = write(FIRM);
                    if (retry.statusCode() == 429) {
                        return false;
                    }
                    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
                    passedAt.set(System.nanoTime());
                    return true;
                });
        assertThat(Duration.ofNanos(passedAt.get() - firstSent)).as("time from the first write to the next accepted one")
                .isGreaterThanOrEqualTo(PERIOD);
        assertThat(Duration.ofNanos(passedAt.get() - refusedAt)).as("time from the 429 to the next accepted write")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(retryAfter - 1));
        // the other two places free up as their writes leave the window
        for (int write = 2; write <= WRITES; write++) {
            await("write " + write + " of the next window").atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> write(FIRM).statusCode() == 201);
        }
        assertThat(write(FIRM).statusCode()).isEqualTo(429);
    }

    private HttpResponse<String> write(String organisation) {
        return http.postJson(organisation, "/things", thing("ref-" + UUID.randomUUID(), 5), null);
    }
}

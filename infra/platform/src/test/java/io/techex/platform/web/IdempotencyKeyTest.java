package io.techex.platform.web;

import io.techex.testkit.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.techex.platform.web.Http.UNIVERSITY;
import static io.techex.platform.web.Http.thing;
import static io.techex.platform.web.ProblemAssertions.assertProblem;
import static io.techex.platform.web.ProblemAssertions.fields;
import static org.assertj.core.api.Assertions.assertThat;

@WebTest
class IdempotencyKeyTest {

    static ExecutorService clients;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Gate gate;
    @Autowired
    TestEnvironment env;

    Http http;
    String reference;
    String key;

    @BeforeAll
    static void startClients() {
        clients = Executors.newFixedThreadPool(10);
    }

    @AfterAll
    static void stopClients() {
        clients.shutdownNow();
    }

    @BeforeEach
    void freshKey() {
        http = new Http(port);
        reference = "ref-" + UUID.randomUUID();
        key = "key-" + UUID.randomUUID();
    }

    @Test
    void aRetryGetsTheFirstAnswerByteForByteAndTheHandlerRunsOnce() {
        HttpResponse<String> first = http.postJson(UNIVERSITY, "/things", thing(reference, 6), key);
        HttpResponse<String> retry = http.postJson(UNIVERSITY, "/things", thing(reference, 6), key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).isEmpty();
        assertThat(Http.json(first).path("executions").asLong()).isEqualTo(1);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).hasValue("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location")).isPresent();
        assertThat(retry.headers().firstValue("Content-Type")).isEqualTo(first.headers().firstValue("Content-Type"));
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void theAnswerIsKeptForADayUnderTheServiceOrganisationAndKeyInTheNamespace() {
        http.postJson(UNIVERSITY, "/things", thing(reference, 6), key);

        try (Jedis redis = new Jedis(new HostAndPort(env.redisHost(), env.redisPort()), DefaultJedisClientConfig.builder().build())) {
            String redisKey = "techex:" + env.namespace() + ":idem:webtest-service:" + UNIVERSITY + ":" + key;
            assertThat(redis.exists(redisKey)).as(redisKey).isTrue();
            assertThat(Duration.ofMillis(redis.pttl(redisKey))).isBetween(Duration.ofHours(23), Duration.ofHours(24));
        }
    }

    @Test
    void anAnswerToBadInputIsKeptAndChangesNothingEither() {
        HttpResponse<String> first = http.postJson(UNIVERSITY, "/things", thing(reference, 12), key);
        HttpResponse<String> retry = http.postJson(UNIVERSITY, "/things", thing(reference, 12), key);

        assertThat(fields(assertProblem(first, 400, "invalid-request", "/things"))).containsExactly("readinessLevel");
        assertThat(retry.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).hasValue("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(executions()).isZero();
    }

    @Test
    void theSameKeyForADifferentRequestIsRefused() {
        http.postJson(UNIVERSITY, "/things", thing(reference, 6), key);

        HttpResponse<String> reused = http.postJson(UNIVERSITY, "/things", thing(reference, 7), key);

        JsonNode problem = assertProblem(reused, 422, "idempotency-key-reused", "/things");
        assertThat(fields(problem)).containsExactly(IdempotencyKeyFilter.HEADER);
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void keysAreScopedPerOrganisation() {
        HttpResponse<String> university = http.postJson(UNIVERSITY, "/things", thing(reference, 6), key);
        HttpResponse<String> firm = http.postJson(Http.FIRM, "/things", thing(reference, 6), key);

        assertThat(firm.statusCode()).isEqualTo(201);
        assertThat(firm.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).isEmpty();
        assertThat(firm.body()).isNotEqualTo(university.body());
        assertThat(executions()).isEqualTo(2);
    }

    @Test
    void aRetryWhileTheFirstIsStillRunningIsToldToWait() throws Exception {
        gate.close();
        Future<HttpResponse<String>> first = clients.submit(() -> http.postJson(UNIVERSITY, "/things/gated", thing(reference, 6), key));
        assertThat(gate.awaitEntered(Duration.ofSeconds(10))).as("the first request reached its handler").isTrue();

        HttpResponse<String> early = http.postJson(UNIVERSITY, "/things/gated", thing(reference, 6), key);
        gate.open();
        HttpResponse<String> answer = first.get(10, TimeUnit.SECONDS);
        HttpResponse<String> late = http.postJson(UNIVERSITY, "/things/gated", thing(reference, 6), key);

        assertProblem(early, 409, "idempotency-key-in-flight", "/things/gated");
        assertThat(early.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(answer.statusCode()).isEqualTo(201);
        assertThat(late.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).hasValue("true");
        assertThat(late.body()).isEqualTo(answer.body());
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void tenConcurrentRetriesRunTheHandlerOnce() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(clients.submit(() -> {
                start.await();
                return http.postJson(UNIVERSITY, "/things", thing(reference, 6), key);
            }));
        }
        start.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> response : sent) {
            responses.add(response.get(30, TimeUnit.SECONDS));
        }

        List<HttpResponse<String>> original = responses.stream()
                .filter(r -> r.statusCode() == 201 && r.headers().firstValue(IdempotencyKeyFilter.REPLAYED).isEmpty()).toList();
        assertThat(original).hasSize(1);
        for (HttpResponse<String> response : responses) {
            if (response.statusCode() == 201) {
                assertThat(response.body()).isEqualTo(original.getFirst().body());
            } else {
                assertProblem(response, 409, "idempotency-key-in-flight", "/things");
            }
        }
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void aServerErrorIsNotKeptSoARetryRunsAgain() {
        HttpResponse<String> failed = http.postJson(UNIVERSITY, "/things/flaky", thing(reference, 6), key);
        HttpResponse<String> retried = http.postJson(UNIVERSITY, "/things/flaky", thing(reference, 6), key);
        HttpResponse<String> replayed = http.postJson(UNIVERSITY, "/things/flaky", thing(reference, 6), key);

        assertProblem(failed, 500, "internal-error", "/things/flaky");
        assertThat(retried.statusCode()).isEqualTo(201);
        assertThat(retried.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).isEmpty();
        assertThat(replayed.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).hasValue("true");
        assertThat(replayed.body()).isEqualTo(retried.body());
        assertThat(executions()).isEqualTo(2);
    }

    @Test
    void aKeyMustBeOneTo255VisibleAsciiCharacters() {
        for (String invalid : List.of("a".repeat(256), "two words", "tab\tseparated")) {
            HttpResponse<String> response = http.postJson(UNIVERSITY, "/things", thing(reference, 6), invalid);
            assertThat(fields(assertProblem(response, 400, "invalid-request", "/things"))).containsExactly(IdempotencyKeyFilter.HEADER);
        }
        assertThat(executions()).isZero();

        // the longest key allowed, and yet this test's own: answers stay a day, seen by all tests of the context
        String longest = key + "~".repeat(255 - key.length());
        assertThat(http.postJson(UNIVERSITY, "/things", thing(reference, 6), longest).statusCode()).isEqualTo(201);
    }

    @Test
    void aBodyTooLargeToFingerprintIsRefused() {
        String huge = thing(reference, 6).replace("\"en\": \"", "\"en\": \"" + "x".repeat(1024 * 1024));

        assertProblem(http.postJson(UNIVERSITY, "/things", huge, key), 413, "content-too-large", "/things");
        assertThat(executions()).isZero();
    }

    @Test
    void requestsWithoutAKeyAreNotTouched() {
        HttpResponse<String> first = http.postJson(UNIVERSITY, "/things", thing(reference, 6), null);
        HttpResponse<String> second = http.postJson(UNIVERSITY, "/things", thing(reference, 6), null);

        assertThat(second.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).isEmpty();
        assertThat(second.body()).isNotEqualTo(first.body());
        assertThat(executions()).isEqualTo(2);
    }

    private long executions() {
        return jdbc.queryForObject("SELECT count(*) FROM execution WHERE reference = ?", Long.class, reference);
    }
}

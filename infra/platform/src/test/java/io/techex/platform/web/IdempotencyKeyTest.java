package io.techex.platform.web;

import io.techex.platform.redis.RedisKeys;
import io.techex.testkit.TestEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.UnifiedJedis;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
import static org.awaitility.Awaitility.await;

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
    @Autowired
    UnifiedJedis redis;
    @Autowired
    RedisKeys keys;
    @Autowired
    IdempotencyProperties idempotency;

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
    void theSameJsonWithOtherWhitespaceMemberOrderOrNumberSpellingIsARetry() {
        HttpResponse<String> first = http.postJson(UNIVERSITY, "/things", thing(reference, 6), key);
        String reformatted = thing(reference, 6).replace("\n", "\r\n\t").replace(": ", ":") + "\n";
        String reordered = """
                {"inventors": [{"email": "a@hust.edu.vn", "name": "Nguyễn Văn A"}], "readinessLevel": 6.0,
                 "title": {"en": "Textile-dye wastewater treatment", "vi": "Phương pháp xử lý nước thải dệt nhuộm"},
                 "assetType": "PATENT", "reference": "%s"}""".formatted(reference);

        for (String sameMeaning : List.of(reformatted, reordered)) {
            HttpResponse<String> retry = http.postJson(UNIVERSITY, "/things", sameMeaning, key);
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
            assertThat(retry.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).hasValue("true");
            assertThat(retry.body()).isEqualTo(first.body());
        }
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void aBodyThatIsNotJsonIsComparedByItsBytes() {
        // a file that happens to look like JSON is still a file: one more byte is another file
        byte[] file = "{\"page\": 1}".getBytes(StandardCharsets.UTF_8);
        String path = "/things/files?reference=" + reference;
        HttpResponse<String> first = http.postBytes(UNIVERSITY, path, "application/octet-stream", file, key);
        HttpResponse<String> retry = http.postBytes(UNIVERSITY, path, "application/octet-stream", file, key);
        HttpResponse<String> longer = http.postBytes(UNIVERSITY, path, "application/octet-stream",
                "{\"page\": 1}\n".getBytes(StandardCharsets.UTF_8), key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).hasValue("true");
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(fields(assertProblem(longer, 422, "idempotency-key-reused", "/things/files"))).containsExactly(IdempotencyKeyFilter.HEADER);
        assertThat(executions()).isEqualTo(1);
    }

    /** What a retry may see differently (a resource that arrived, a conflict gone, new credentials) frees the key. */
    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404, 409, 429, 503})
    void aRefusalThatARetryMayNotGetAgainIsNotKept(int status) {
        String path = "/things/refused-once/" + status;
        HttpResponse<String> refused = http.postJson(UNIVERSITY, path, thing(reference, 6), key);
        HttpResponse<String> retried = http.postJson(UNIVERSITY, path, thing(reference, 6), key);
        HttpResponse<String> replayed = http.postJson(UNIVERSITY, path, thing(reference, 6), key);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(retried.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).isEmpty();
        assertThat(replayed.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).hasValue("true");
        assertThat(replayed.body()).isEqualTo(retried.body());
        assertThat(executions()).isEqualTo(2);
    }

    /** The same request is refused the same way whatever happens meanwhile, so the refusal is its answer. */
    @ParameterizedTest
    @ValueSource(ints = {400, 413, 415, 422})
    void aRefusalOfTheRequestItselfIsKept(int status) {
        String path = "/things/refused-once/" + status;
        HttpResponse<String> refused = http.postJson(UNIVERSITY, path, thing(reference, 6), key);
        HttpResponse<String> retry = http.postJson(UNIVERSITY, path, thing(reference, 6), key);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
        assertThat(retry.statusCode()).isEqualTo(status);
        assertThat(retry.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).hasValue("true");
        assertThat(retry.body()).isEqualTo(refused.body());
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void aClaimLeftByAnInstanceThatDiedFreesTheKeyWithinTheLease() {
        String body = thing(reference, 6);
        String redisKey = keys.key("idem", "webtest-service", UNIVERSITY, key);
        String fingerprint = IdempotencyKeyFilter.fingerprint("POST", "/things", "application/json", body.getBytes(StandardCharsets.UTF_8));
        // another instance takes the key for this very request and is killed: nothing renews its claim any more
        try (var otherInstance = new IdempotencyClaims(redis, idempotency.lease(), idempotency.ttl())) {
            assertThat(otherInstance.claimOrFind(IdempotencyClaims.newClaim(redisKey, fingerprint))).isNull();
        }

        assertProblem(http.postJson(UNIVERSITY, "/things", body, key), 409, "idempotency-key-in-flight", "/things");
        // within the lease (5 s by default): seconds after a restart, not a minute
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.postJson(UNIVERSITY, "/things", body, key).statusCode() == 201);
        assertThat(executions()).isEqualTo(1);
    }

    @Test
    void aRequestRunningLongerThanTheLeaseKeepsItsClaim() throws Exception {
        gate.close();
        Future<HttpResponse<String>> first = clients.submit(() -> http.postJson(UNIVERSITY, "/things/gated", thing(reference, 6), key));
        assertThat(gate.awaitEntered(Duration.ofSeconds(10))).as("the first request reached its handler").isTrue();

        Duration lease = idempotency.lease();
        await().during(lease.plus(lease.dividedBy(2))).atMost(lease.multipliedBy(3)).pollInterval(Duration.ofMillis(500))
                .until(() -> http.postJson(UNIVERSITY, "/things/gated", thing(reference, 6), key).statusCode() == 409);
        gate.open();

        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
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

package io.techex.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static io.techex.platform.web.Http.UNIVERSITY;
import static io.techex.platform.web.Http.thing;
import static io.techex.platform.web.ProblemAssertions.assertProblem;
import static io.techex.platform.web.ProblemAssertions.fields;
import static io.techex.platform.web.ProblemAssertions.message;
import static org.assertj.core.api.Assertions.assertThat;

@WebTest
class ProblemJsonTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void anInvalidBodyNamesEveryFieldAtFaultAndChangesNothing() {
        String reference = "invalid-" + UUID.randomUUID();
        String body = """
                {"reference": "%s", "title": {"vi": " "}, "readinessLevel": 12,
                 "inventors": [{"name": "Ada", "email": "a@hust.edu.vn"}, {"name": "", "email": "not-an-email"}]}""".formatted(reference);

        JsonNode problem = assertProblem(http.postJson(UNIVERSITY, "/things", body, null), 400, "invalid-request", "/things");

        assertThat(fields(problem)).containsExactly("assetType", "inventors[1].email", "inventors[1].name", "readinessLevel", "title.vi");
        assertThat(message(problem, "title.vi")).isEqualTo("must not be blank");
        assertThat(message(problem, "readinessLevel")).isEqualTo("must be less than or equal to 9");
        assertThat(executions(reference)).isZero();
    }

    @Test
    void aStringWhereANumberBelongsNamesTheField() {
        String body = thing("r", 6).replace("\"readinessLevel\": 6", "\"readinessLevel\": \"six\"");

        JsonNode problem = assertProblem(http.postJson(UNIVERSITY, "/things", body, null), 400, "invalid-request", "/things");

        assertThat(fields(problem)).containsExactly("readinessLevel");
        assertThat(message(problem, "readinessLevel")).isEqualTo("must be an integer");
    }

    @Test
    void aFieldGivenTwiceIsRefusedByNameRatherThanTheLastOneWinning() {
        String reference = "twice-" + UUID.randomUUID();
        String body = thing(reference, 12).replaceFirst("}$", ", \"readinessLevel\": 6}");

        JsonNode problem = assertProblem(http.postJson(UNIVERSITY, "/things", body, null), 400, "invalid-request", "/things");

        assertThat(fields(problem)).containsExactly("readinessLevel");
        assertThat(message(problem, "readinessLevel")).isEqualTo("is given more than once");
        assertThat(executions(reference)).isZero();

        String nested = thing(reference, 6).replace("\"vi\": \"Phương", "\"vi\": \"x\", \"vi\": \"Phương");
        JsonNode inTitle = assertProblem(http.postJson(UNIVERSITY, "/things", nested, null), 400, "invalid-request", "/things");
        assertThat(fields(inTitle)).containsExactly("title.vi");
        assertThat(executions(reference)).isZero();
    }

    @Test
    void aFractionWhereAnIntegerBelongsIsRefusedNotTruncated() {
        String reference = "fraction-" + UUID.randomUUID();
        String body = thing(reference, 6).replace("\"readinessLevel\": 6", "\"readinessLevel\": 6.9");

        JsonNode problem = assertProblem(http.postJson(UNIVERSITY, "/things", body, null), 400, "invalid-request", "/things");

        assertThat(fields(problem)).containsExactly("readinessLevel");
        assertThat(message(problem, "readinessLevel")).isEqualTo("must be an integer");
        assertThat(executions(reference)).isZero();
    }

    @Test
    void axonsOwnJackson2SerializerReadsAsBefore() throws Exception {
        var serializers = context.getBeansOfType(Serializer.class).values().stream()
                .filter(JacksonSerializer.class::isInstance).map(JacksonSerializer.class::cast).toList();

        assertThat(serializers).isNotEmpty();
        for (JacksonSerializer serializer : serializers) {
            ObjectMapper mapper = serializer.getObjectMapper();
            assertThat(mapper.readValue("{\"a\": 1, \"a\": 2}", Map.class)).isEqualTo(Map.of("a", 2));
            assertThat(mapper.readValue("6.9", int.class)).isEqualTo(6);
        }
    }

    @Test
    void anUnknownEnumValueListsTheAllowedOnes() {
        String body = thing("r", 6).replace("\"PATENT\"", "\"PATENTED\"");

        JsonNode problem = assertProblem(http.postJson(UNIVERSITY, "/things", body, null), 400, "invalid-request", "/things");

        assertThat(fields(problem)).containsExactly("assetType");
        assertThat(message(problem, "assetType")).isEqualTo("must be one of [PATENT, UTILITY_SOLUTION, KNOW_HOW]");
    }

    @Test
    void aMistypedFieldInsideAListIsNamedByItsJsonPath() {
        String body = thing("r", 6).replace("\"name\": \"Nguyễn Văn A\"", "\"name\": {\"given\": \"A\"}");

        JsonNode problem = assertProblem(http.postJson(UNIVERSITY, "/things", body, null), 400, "invalid-request", "/things");

        assertThat(fields(problem)).containsExactly("inventors[0].name");
        assertThat(message(problem, "inventors[0].name")).isEqualTo("must be a string");
    }

    @Test
    void malformedOrMissingJsonIsAnInputProblem() {
        JsonNode malformed = assertProblem(http.postJson(UNIVERSITY, "/things", "{\"reference\": ", null), 400, "invalid-request", "/things");
        assertThat(message(malformed, "")).isEqualTo("is not valid JSON");

        JsonNode missing = assertProblem(http.postJson(UNIVERSITY, "/things", "", null), 400, "invalid-request", "/things");
        assertThat(fields(missing)).containsExactly("");
    }

    @Test
    void invalidMethodParametersAreNamedAsTheClientSendsThem() {
        HttpResponse<String> response = http.send(http.as(UNIVERSITY, "/things?minLevel=0").header("X-Purpose", "far too long a purpose").GET());

        JsonNode problem = assertProblem(response, 400, "invalid-request", "/things");

        assertThat(fields(problem)).containsExactly("X-Purpose", "minLevel");
        assertThat(message(problem, "minLevel")).isEqualTo("must be greater than or equal to 1");
    }

    @Test
    void anInvalidElementOfAListBodyIsNamedByItsIndex() {
        HttpResponse<String> response = http.postJson(UNIVERSITY, "/things/inventors", "[{\"name\": \"Ada\"}, {\"name\": \" \"}]", null);

        assertThat(fields(assertProblem(response, 400, "invalid-request", "/things/inventors"))).containsExactly("[1].name");
    }

    @Test
    void parametersOfTheWrongTypeOrMissingAreNamed() {
        JsonNode notAUuid = assertProblem(http.get("/things/not-a-uuid"), 400, "invalid-request", "/things/not-a-uuid");
        assertThat(fields(notAUuid)).containsExactly("id");
        assertThat(message(notAUuid, "id")).isEqualTo("must be a UUID");

        JsonNode notANumber = assertProblem(http.get("/things?minLevel=high"), 400, "invalid-request", "/things");
        assertThat(message(notANumber, "minLevel")).isEqualTo("must be an integer");

        JsonNode missingParameter = assertProblem(http.get("/things"), 400, "invalid-request", "/things");
        assertThat(message(missingParameter, "minLevel")).isEqualTo("is required");

        JsonNode missingHeader = assertProblem(http.get("/things/tenant"), 400, "invalid-request", "/things/tenant");
        assertThat(message(missingHeader, "X-Tenant")).isEqualTo("is required");
    }

    @Test
    void routingErrorsAreProblemsToo() {
        // under /things, which the access rules open; elsewhere an unknown route is closed like any other (403)
        JsonNode unknownRoute = assertProblem(http.get("/things/no/such/thing"), 404, "not-found", "/things/no/such/thing");
        assertThat(unknownRoute.path("detail").asString()).isEqualTo("There is nothing at /things/no/such/thing");

        HttpResponse<String> wrongMethod = http.send(http.as(UNIVERSITY, "/things/tenant").DELETE());
        assertProblem(wrongMethod, 405, "method-not-allowed", "/things/tenant");
        assertThat(wrongMethod.headers().firstValue("Allow")).hasValue("GET");

        HttpResponse<String> wrongMediaType = http.send(http.as(UNIVERSITY, "/things")
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(thing("r", 6))));
        assertProblem(wrongMediaType, 415, "unsupported-media-type", "/things");
    }

    @Test
    void textNoDatabaseCanStoreIsRefusedByNameInBodiesAndParameters() {
        String reference = "ref-" + UUID.randomUUID();
        JsonNode body = assertProblem(http.postJson(UNIVERSITY, "/things", thing(reference, 6).replace("Textile", "Tex\\u0000tile"), null),
                400, "invalid-request", "/things");
        assertThat(fields(body)).containsExactly("title.en");
        assertThat(executions(reference)).isZero();

        JsonNode parameter = assertProblem(http.get("/things?minLevel=3&purpose=a%00b"), 400, "invalid-request", "/things");
        assertThat(fields(parameter)).containsExactly("purpose");
    }

    @Test
    void theActorComesFromTheAccessTokenAndNothingElse() {
        HttpResponse<String> known = http.send(http.as(UNIVERSITY, "/things/whoami")
                .header("X-Actor-Organisation", "techex").header("X-Actor-Role", "OPERATOR").GET());
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(Http.json(known).path("organisationId").asString()).isEqualTo(UNIVERSITY);
        assertThat(Http.json(known).path("personId").asString()).isEqualTo("lan.nguyen");
        assertThat(Http.json(known).path("role").asString()).isEqualTo("UNIVERSITY");

        assertProblem(http.send(http.request("/things/whoami").GET()), 401, "unauthenticated", "/things/whoami");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "conflict,                    409, listing-not-draft",
            "unprocessable,               422, reserve-above-asking",
            "aggregate-not-found,         404, not-found",
            "concurrency,                 409, concurrent-modification",
            "stream-exists,               409, concurrent-modification",
            "command-wrapped,             409, listing-not-draft",
            "command-details,             409, listing-not-draft",
            "command-wrapped-concurrency, 409, concurrent-modification",
            "jsr303,                      400, invalid-request",
            "database-down,               503, service-unavailable",
            "axon-database-down,          503, service-unavailable",
            "unexpected,                  500, internal-error"})
    void domainOutcomesMapToTheirProblems(String failure, int status, String slug) {
        String path = "/things/failures/" + failure;
        HttpResponse<String> response = http.postJson(UNIVERSITY, path, "{}", null);

        JsonNode problem = assertProblem(response, status, slug, path);

        switch (failure) {
            case "unprocessable" -> assertThat(fields(problem)).containsExactly("reservePrice");
            case "concurrency" -> assertThat(problem.path("detail").asString()).contains("reload");
            case "jsr303" -> assertThat(fields(problem)).containsExactly("inventors[0].email", "readinessLevel", "title.vi");
            case "database-down", "axon-database-down" -> {
                assertThat(response.headers().firstValue("Retry-After")).hasValue(ProblemHandling.DATABASE_RETRY_AFTER_SECONDS);
                assertThat(problem.path("correlationId").asString()).isNotBlank();
            }
            default -> {
            }
        }
    }

    @Test
    void anUnexpectedErrorLeaksNothingButACorrelationId() {
        HttpResponse<String> response = http.postJson(UNIVERSITY, "/things/failures/unexpected", "{}", null);

        JsonNode problem = assertProblem(response, 500, "internal-error", "/things/failures/unexpected");

        assertThat(problem.path("correlationId").asString()).matches("[0-9a-f-]{36}");
        assertThat(problem.path("detail").asString()).contains(problem.path("correlationId").asString());
        assertThat(response.body()).doesNotContain("hunter2", "Secret", "IllegalStateException", "java.");
    }

    @Test
    void errorsOutsideSpringMvcAreProblemsToo() {
        HttpResponse<String> response = http.send(http.as(UNIVERSITY, "/things/whoami").header(WebTestApplication.EXPLODE, "yes").GET());

        JsonNode problem = assertProblem(response, 500, "internal-error", "/things/whoami");
        assertThat(problem.path("correlationId").asString()).isNotBlank();
        assertThat(response.body()).doesNotContain("hunter2", "Secret");

        // the error page is for the server's own error dispatches, not an endpoint
        assertProblem(http.get("/error"), 403, "forbidden", "/error");
    }

    private long executions(String reference) {
        return jdbc.queryForObject("SELECT count(*) FROM execution WHERE reference = ?", Long.class, reference);
    }
}

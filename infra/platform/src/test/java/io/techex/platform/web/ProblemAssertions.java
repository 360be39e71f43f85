package io.techex.platform.web;

import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What every TechEx error must look like. */
final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** Asserts an RFC 9457 problem of {@code status} and type {@code slug} about {@code path}; returns its JSON. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String slug, String path) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Http.json(response);
        assertThat(problem.path("type").asString()).as(response.body()).isEqualTo("https://techex.io/problems/" + slug);
        assertThat(problem.path("title").asString()).as(response.body()).isNotBlank();
        assertThat(problem.path("status").asInt()).as(response.body()).isEqualTo(status);
        assertThat(problem.path("detail").asString()).as(response.body()).isNotBlank();
        assertThat(problem.path("instance").asString()).as(response.body()).isEqualTo(path);
        return problem;
    }

    /** The {@code field}s of a problem's {@code errors}, in order. */
    static List<String> fields(JsonNode problem) {
        return problem.path("errors").valueStream().map(error -> error.path("field").asString()).toList();
    }

    /** The message of the error about {@code field}. */
    static String message(JsonNode problem, String field) {
        return problem.path("errors").valueStream().filter(error -> field.equals(error.path("field").asString()))
                .map(error -> error.path("message").asString()).findFirst().orElseThrow(() ->
                        new AssertionError("No error about " + field + " in " + problem));
    }
}

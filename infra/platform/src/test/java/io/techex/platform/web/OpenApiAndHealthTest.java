package io.techex.platform.web;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@WebTest
class OpenApiAndHealthTest {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void theOpenApiDocumentIsNamedAfterTheServiceAndDocumentsProblems() {
        HttpResponse<String> response = http.send(http.request("/v3/api-docs").GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode api = Http.json(response);

        assertThat(api.path("info").path("title").asString()).isEqualTo("webtest-service");
        assertThat(api.path("components").path("schemas").path("Problem").path("properties").has("errors")).isTrue();
        JsonNode create = api.path("paths").path("/things").path("post");
        for (String status : new String[]{"400", "401", "403", "409", "413", "415", "422", "429", "503", "default"}) {
            assertThat(create.path("responses").path(status).path("content").has("application/problem+json"))
                    .as("POST /things %s in %s", status, create.path("responses")).isTrue();
        }
        create.path("responses").properties().stream()
                .filter(entry -> entry.getKey().startsWith("4") || entry.getKey().startsWith("5"))
                .forEach(entry -> assertThat(entry.getValue().path("content").propertyNames())
                        .as("content of %s", entry.getKey()).containsExactly("application/problem+json"));
        assertThat(names(create.path("parameters"))).contains("Idempotency-Key").doesNotContain("actor");
        assertThat(api.path("components").path("securitySchemes").path("bearer").path("scheme").asString()).isEqualTo("bearer");
        assertThat(api.path("security").toString()).contains("bearer");
        assertThat(api.path("paths").has("/error")).isFalse();
        // a success body is JSON, or the text a String handler writes, never */*
        assertThat(create.path("responses").path("201").path("content").propertyNames()).containsExactly("application/json");
        assertThat(api.path("paths").path("/things/tenant").path("get").path("responses").path("200").path("content").propertyNames())
                .containsExactly("text/plain");
        // @NotBlank with @Size(max) beside it is documented as what it refuses: no empty or blank text
        JsonNode vi = api.path("components").path("schemas").path("Title").path("properties").path("vi");
        assertThat(vi.path("minLength").asInt()).isEqualTo(1);
        assertThat(vi.path("pattern").asString()).isEqualTo("\\S");
        // reads are not rate limited
        assertThat(api.path("paths").path("/things").path("get").path("responses").has("429")).isFalse();
    }

    @Test
    void theSwaggerUiIsServed() {
        HttpResponse<String> response = http.send(http.request("/swagger-ui.html").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).containsIgnoringCase("swagger");
    }

    @Test
    void readinessDependsOnTheDatabaseButNotOnRedis() {
        HttpResponse<String> readiness = http.send(http.request("/actuator/health/readiness").GET());
        HttpResponse<String> redis = http.send(http.request("/actuator/health/redis").GET());

        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(Http.json(readiness).path("components").propertyNames()).containsExactlyInAnyOrder("db", "readinessState");
        assertThat(redis.statusCode()).as(redis.body()).isEqualTo(200);
        assertThat(Http.json(redis).path("status").asString()).isEqualTo("UP");
    }

    private static java.util.List<String> names(JsonNode parameters) {
        return parameters.valueStream().map(parameter -> parameter.path("name").asString()).toList();
    }
}

package io.techex.platform.web;

import io.techex.testkit.TestEnvironment;
import io.techex.testkit.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.techex.platform.web.Http.UNIVERSITY;
import static io.techex.platform.web.Http.thing;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service whose Redis is gone keeps serving: requests with an Idempotency-Key run (without the guarantee), writes
 * are not rate-limited, and the service stays ready. The shared Redis cannot be stopped, so this context's Redis is a port where nothing
 * listens. Started by hand because the test kit's own Redis address would win over a test property.
 */
class RedisDownTest {

    static ConfigurableApplicationContext service;
    static Http http;

    @BeforeAll
    static void startWithoutRedis() throws IOException {
        TestEnvironment env = TestInfrastructure.get().newEnvironment(WebTestApplication.SERVICE_NAME);
        Map<String, Object> properties = new LinkedHashMap<>(env.springProperties());
        properties.put("techex.redis.port", closedPort());
        properties.put("techex.service.name", WebTestApplication.SERVICE_NAME);
        properties.put("server.port", 0);
        properties.put("management.endpoint.health.show-components", "always");
        // one write a minute: a limiter that failed closed would refuse the second POST below
        properties.put("techex.rate-limit.writes", 1);
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        service = new SpringApplicationBuilder(WebTestApplication.class).run(args.toArray(String[]::new));
        http = new Http(Integer.parseInt(service.getEnvironment().getRequiredProperty("local.server.port")));
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void postsWithAnIdempotencyKeyStillSucceed() {
        String reference = "ref-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();

        HttpResponse<String> first = http.postJson(UNIVERSITY, "/things", thing(reference, 6), key);
        HttpResponse<String> retry = http.postJson(UNIVERSITY, "/things", thing(reference, 6), key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(201);
        assertThat(retry.headers().firstValue(IdempotencyKeyFilter.REPLAYED)).isEmpty();
        // without Redis the guarantee is gone: the handler ran twice (services guard their effects themselves)
        assertThat(service.getBean(JdbcTemplate.class)
                .queryForObject("SELECT count(*) FROM execution WHERE reference = ?", Long.class, reference)).isEqualTo(2);
    }

    @Test
    void theServiceStaysReadyWhileRedisIsReportedDown() {
        HttpResponse<String> readiness = http.send(http.request("/actuator/health/readiness").GET());
        HttpResponse<String> redis = http.send(http.request("/actuator/health/redis").GET());

        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(redis.statusCode()).as(redis.body()).isEqualTo(503);
        assertThat(Http.json(redis).path("status").asString()).isEqualTo("DOWN");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
